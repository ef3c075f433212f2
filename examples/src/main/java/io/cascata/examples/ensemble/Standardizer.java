package io.cascata.examples.ensemble;

import java.util.List;

/** Feature means and standard deviations of a training split. */
final class Standardizer {

    private Standardizer() {
    }

    /** {means, stds}; a constant feature gets a standard deviation of 1. */
    static double[][] meansAndStds(List<Example> rows) {
        int n = rows.get(0).features().length;
        double[] mean = new double[n];
        double[] sq = new double[n];
        for (Example e : rows) {
            for (int i = 0; i < n; i++) {
                mean[i] += e.features()[i];
                sq[i] += e.features()[i] * e.features()[i];
            }
        }
        double[] std = new double[n];
        for (int i = 0; i < n; i++) {
            mean[i] /= rows.size();
            double variance = sq[i] / rows.size() - mean[i] * mean[i];
            std[i] = variance > 1e-12 ? Math.sqrt(variance) : 1;
        }
        return new double[][] {mean, std};
    }
}
