package io.cascata.examples.fanin;

import io.cascata.core.Param;
import io.cascata.core.Task;
import io.cascata.core.run.ExecutionContext;
import io.cascata.core.targets.LocalTarget;
import java.util.List;

/**
 * {@link FanOut} with its leaves required while it runs ({@link ExecutionContext#require}), as a
 * task does that learns its work only then: the benchmark of dynamic requirements.
 */
public record DynamicFanOut(@Param("number of leaves") int n,
        @Param(value = "output directory", defaultValue = "output/fanout") String dir) implements Task {

    public DynamicFanOut {
        if (n <= 0) {
            throw new IllegalArgumentException("n must be positive, got " + n);
        }
    }

    @Override
    public LocalTarget output() {
        return LocalTarget.of(dir + "/dynamic-fanout-" + n + ".txt");
    }

    @Override
    public void run(ExecutionContext context) throws Exception {
        List<LocalTarget> inputs = context.require(FanOut.leaves(n, dir));
        output().writeText(Long.toString(NumberFiles.sum(inputs)));
    }
}
