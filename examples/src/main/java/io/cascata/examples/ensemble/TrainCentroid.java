package io.cascata.examples.ensemble;

import io.cascata.core.Param;
import io.cascata.core.Task;
import io.cascata.core.targets.Workspace;
import io.cascata.core.targets.DirectoryTarget;
import io.cascata.core.targets.FileTarget;

/** Trains the nearest-centroid classifier on the prepared training split, in the driver. */
public record TrainCentroid(@Param(value = "number of rows", defaultValue = "20000") int rows,
        @Param(value = "random seed", defaultValue = "17") long seed) implements Task {

    @Override
    public PrepareFeatures requires() {
        return new PrepareFeatures(rows, seed);
    }

    @Override
    public FileTarget output() {
        return Workspace.file(this, "model.json");
    }

    @Override
    public void run() throws Exception {
        DirectoryTarget prepared = input();
        output().writeObject(CentroidModel.fit(Example.split(Example.readAll(prepared), true)));
    }
}
