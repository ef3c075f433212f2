package io.cascata.examples.leases;

import io.cascata.core.Param;
import io.cascata.core.Task;
import io.cascata.core.targets.FileTarget;
import io.cascata.core.targets.Targets;
import java.util.ArrayList;
import java.util.List;

/** Group g: requires leaves 10g..10g+9, logs its run and writes their sum. */
public record CountedMid(@Param("group number") int g, @Param("directory, local or a URI") String dir) implements Task {

    @Override
    public List<CountedLeaf> requires() {
        List<CountedLeaf> leaves = new ArrayList<>();
        for (int i = 10 * g; i < 10 * g + 10; i++) {
            leaves.add(new CountedLeaf(i, dir));
        }
        return leaves;
    }

    @Override
    public FileTarget output() {
        return Targets.file(dir + "/mid/" + g + ".txt");
    }

    @Override
    public void run() throws Exception {
        RunLog.record(dir, "mid-" + g);
        long sum = 0;
        for (FileTarget leaf : this.<List<FileTarget>>input()) {
            sum += Long.parseLong(leaf.readText().trim());
        }
        output().writeText(Long.toString(sum));
    }
}
