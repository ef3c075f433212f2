package io.cascata.examples.ensemble;

import io.cascata.core.targets.DirectoryTarget;
import io.cascata.core.targets.FileTarget;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * One prepared row: train or test, its label and its features. Prepared files hold
 * {@code split,label,f1,...,fn} lines.
 *
 * @param train whether the row is in the training split
 * @param label 0 or 1
 * @param features the feature values
 */
record Example(boolean train, int label, double[] features) {

    static Example parse(String line) {
        String[] parts = line.split(",");
        double[] f = new double[parts.length - 2];
        for (int i = 0; i < f.length; i++) {
            f[i] = Double.parseDouble(parts[i + 2]);
        }
        return new Example(parts[0].equals("train"), Integer.parseInt(parts[1]), f);
    }

    /** Every prepared row of a directory, in file and line order. */
    static List<Example> readAll(DirectoryTarget prepared) throws IOException {
        List<Example> out = new ArrayList<>();
        for (FileTarget file : prepared.files()) {
            for (String line : file.readLines()) {
                if (!line.isBlank()) {
                    out.add(parse(line));
                }
            }
        }
        return out;
    }

    static List<Example> split(List<Example> all, boolean train) {
        return all.stream().filter(e -> e.train() == train).toList();
    }
}
