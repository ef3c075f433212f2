package io.cascata.core.targets;

import java.util.List;

/**
 * Whether a directory output is complete, and if not, why; when complete, the data files to
 * read, in order.
 *
 * @param complete whether the output is there and whole
 * @param reason why not, naming the file at fault; empty when complete
 * @param files the data files (locations) when complete
 */
public record Completeness(boolean complete, String reason, List<String> files) {

    public Completeness {
        files = List.copyOf(files);
    }

    static Completeness whole(List<String> files) {
        return new Completeness(true, "", files);
    }

    static Completeness incomplete(String reason) {
        return new Completeness(false, reason, List.of());
    }
}
