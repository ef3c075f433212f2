package io.cascata.examples.fanin;

import io.cascata.core.Param;
import io.cascata.core.Task;
import io.cascata.core.targets.LocalTarget;
import java.util.ArrayList;
import java.util.List;

/**
 * The dynamic benchmark's baseline: requires leaves 0..n-1 in {@code requires()} and writes the
 * sum of their numbers. {@link DynamicFanOut} is the same graph with the leaves required while running.
 */
public record FanOut(@Param("number of leaves") int n,
        @Param(value = "output directory", defaultValue = "output/fanout") String dir) implements Task {

    public FanOut {
        if (n <= 0) {
            throw new IllegalArgumentException("n must be positive, got " + n);
        }
    }

    @Override
    public List<Leaf> requires() {
        return leaves(n, dir);
    }

    static List<Leaf> leaves(int n, String dir) {
        List<Leaf> leaves = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            leaves.add(new Leaf(i, dir));
        }
        return leaves;
    }

    @Override
    public LocalTarget output() {
        return LocalTarget.of(dir + "/fanout-" + n + ".txt");
    }

    @Override
    public void run() throws Exception {
        List<LocalTarget> inputs = input();
        output().writeText(Long.toString(NumberFiles.sum(inputs)));
    }
}
