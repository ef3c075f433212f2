package io.cascata.examples.fanin;

import io.cascata.core.Param;
import io.cascata.core.Task;
import io.cascata.core.targets.LocalTarget;
import java.util.ArrayList;
import java.util.List;

/** Group g of the FanIn graph: requires leaves 10g..10g+9 and writes the sum of their numbers. */
public record Mid(@Param("group number") int g, @Param(value = "output directory", defaultValue = "output/fanin") String dir)
        implements Task {

    @Override
    public List<Leaf> requires() {
        List<Leaf> leaves = new ArrayList<>(10);
        for (int i = 10 * g; i < 10 * g + 10; i++) {
            leaves.add(new Leaf(i, dir));
        }
        return leaves;
    }

    @Override
    public LocalTarget output() {
        return LocalTarget.of(dir + "/mid/" + g + ".txt");
    }

    @Override
    public void run() throws Exception {
        List<LocalTarget> inputs = input();
        output().writeText(Long.toString(NumberFiles.sum(inputs)));
    }
}
