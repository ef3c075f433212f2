package io.cascata.core.targets;

import java.util.List;

/**
 * Whether a directory output is complete, and if not, why; when complete, the data files to
 * read, in order.
 *
 * @param complete whether the output is there and whole
 * @param damaged whether its marker is there but a file the marker lists is missing or short: an
 *     output that was complete once and has been damaged since, which a user wants to hear about
 * @param reason why not, naming the file at fault; empty when complete
 * @param files the data files (locations) when complete
 */
public record Completeness(boolean complete, boolean damaged, String reason, List<String> files) {

    public Completeness {
        files = List.copyOf(files);
    }

    static Completeness whole(List<String> files) {
        return new Completeness(true, false, "", files);
    }

    static Completeness incomplete(String reason) {
        return new Completeness(false, false, reason, List.of());
    }

    static Completeness damaged(String reason) {
        return new Completeness(false, true, reason, List.of());
    }
}
