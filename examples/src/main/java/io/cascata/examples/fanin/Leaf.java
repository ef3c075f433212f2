package io.cascata.examples.fanin;

import io.cascata.core.Param;
import io.cascata.core.Task;
import io.cascata.core.targets.LocalTarget;

/** A leaf of the FanIn graph: writes its own number to its own file. */
public record Leaf(@Param("leaf number") int i, @Param(value = "output directory", defaultValue = "output/fanin") String dir)
        implements Task {

    @Override
    public LocalTarget output() {
        return LocalTarget.of(dir + "/leaf/" + i + ".txt");
    }

    @Override
    public void run() throws Exception {
        output().writeText(Integer.toString(i));
    }
}
