package io.cascata.examples.fanin;

import io.cascata.core.Param;
import io.cascata.core.Task;
import io.cascata.core.targets.LocalTarget;
import java.util.ArrayList;
import java.util.List;

/**
 * The scale benchmark's root: requires n/10 Mid tasks (so n leaves, n/10 + n + 1 tasks in all)
 * and writes the sum of the Mids, which is n(n-1)/2.
 */
public record FanIn(@Param("number of leaves, a positive multiple of 10") int n,
        @Param(value = "output directory", defaultValue = "output/fanin") String dir) implements Task {

    public FanIn {
        if (n <= 0 || n % 10 != 0) {
            throw new IllegalArgumentException("n must be a positive multiple of 10, got " + n);
        }
    }

    @Override
    public List<Mid> requires() {
        List<Mid> mids = new ArrayList<>(n / 10);
        for (int g = 0; g < n / 10; g++) {
            mids.add(new Mid(g, dir));
        }
        return mids;
    }

    @Override
    public LocalTarget output() {
        return LocalTarget.of(dir + "/fanin-" + n + ".txt");
    }

    @Override
    public void run() throws Exception {
        List<LocalTarget> inputs = input();
        output().writeText(Long.toString(NumberFiles.sum(inputs)));
    }
}
