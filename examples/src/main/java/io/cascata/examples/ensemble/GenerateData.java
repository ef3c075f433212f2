package io.cascata.examples.ensemble;

import io.cascata.core.Param;
import io.cascata.core.Task;
import io.cascata.core.targets.Workspace;
import io.cascata.core.targets.FileTarget;
import java.io.Writer;
import java.util.Locale;
import java.util.Random;

/**
 * The ensemble's raw data, made deterministically from a seed: {@code id,x1,x2,x3,x4,label}
 * rows whose label follows a known logistic model with a non-linear term, so scores can be
 * checked.
 */
public record GenerateData(@Param(value = "number of rows", defaultValue = "20000") int rows,
        @Param(value = "random seed", defaultValue = "17") long seed) implements Task {

    @Override
    public FileTarget output() {
        return Workspace.file(this, "raw.csv");
    }

    @Override
    public void run() throws Exception {
        Random random = new Random(seed);
        try (Writer out = output().openWriter()) {
            for (int id = 0; id < rows; id++) {
                double x1 = random.nextGaussian();
                double x2 = random.nextGaussian();
                double x3 = random.nextGaussian() * 2;
                double x4 = random.nextDouble() * 4 - 2;
                double z = 1.5 * x1 - 1.0 * x2 + 0.8 * x1 * x2 + 0.5 * x3 * x3 - 2.0 + 0.3 * x4;
                int label = random.nextDouble() < 1 / (1 + Math.exp(-z)) ? 1 : 0;
                out.write(String.format(Locale.ROOT, "%d,%.6f,%.6f,%.6f,%.6f,%d%n", id, x1, x2, x3, x4, label));
            }
        }
    }
}
