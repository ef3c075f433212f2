package io.cascata.examples.ensemble;

import io.cascata.core.Param;
import io.cascata.core.Task;
import io.cascata.core.targets.Workspace;
import io.cascata.core.targets.DirectoryTarget;
import io.cascata.core.targets.FileTarget;

/** Trains logistic regression on the prepared training split, in the driver. */
public record TrainLogistic(@Param(value = "number of rows", defaultValue = "20000") int rows,
        @Param(value = "random seed", defaultValue = "17") long seed,
        @Param(value = "gradient descent epochs", defaultValue = "300") int epochs) implements Task {

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
        output().writeObject(LogisticModel.fit(Example.split(Example.readAll(prepared), true), epochs, 0.5));
    }
}
