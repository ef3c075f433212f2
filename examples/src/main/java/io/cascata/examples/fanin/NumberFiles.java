package io.cascata.examples.fanin;

import io.cascata.core.targets.LocalTarget;
import java.io.IOException;
import java.util.List;

/** Reads and adds the one-number files that the FanIn graph passes between its levels. */
final class NumberFiles {

    private NumberFiles() {
    }

    static long sum(List<LocalTarget> files) throws IOException {
        long sum = 0;
        for (LocalTarget file : files) {
            sum += Long.parseLong(file.readText().trim());
        }
        return sum;
    }
}
