package io.cascata.examples.leases;

import io.cascata.core.Param;
import io.cascata.core.Task;
import io.cascata.core.targets.FileTarget;
import io.cascata.core.targets.Targets;
import java.util.ArrayList;
import java.util.List;

/**
 * A FanIn-shaped root named by {@code name}: roots of different names share every leaf and mid,
 * so drivers started with different names overlap in all but their roots.
 */
public record CountedRoot(@Param("number of leaves, a multiple of 10") int n, @Param("directory, local or a URI") String dir,
        @Param("the root's name") String name) implements Task {

    @Override
    public List<CountedMid> requires() {
        List<CountedMid> mids = new ArrayList<>();
        for (int g = 0; g < n / 10; g++) {
            mids.add(new CountedMid(g, dir));
        }
        return mids;
    }

    @Override
    public FileTarget output() {
        return Targets.file(dir + "/root-" + name + ".txt");
    }

    @Override
    public void run() throws Exception {
        RunLog.record(dir, "root-" + name);
        long sum = 0;
        for (FileTarget mid : this.<List<FileTarget>>input()) {
            sum += Long.parseLong(mid.readText().trim());
        }
        output().writeText(Long.toString(sum));
    }
}
