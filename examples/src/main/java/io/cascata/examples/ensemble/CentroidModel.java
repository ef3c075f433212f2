package io.cascata.examples.ensemble;

import java.util.List;

/**
 * Nearest class centroid in standardized feature space; the probability is a logistic function
 * of the difference of squared distances to the two centroids.
 *
 * @param means feature means of the training split
 * @param stds feature standard deviations of the training split
 * @param centroid0 the standardized centroid of label 0
 * @param centroid1 the standardized centroid of label 1
 */
record CentroidModel(double[] means, double[] stds, double[] centroid0, double[] centroid1) implements Model {

    @Override
    public double probability(double[] f) {
        double d0 = 0;
        double d1 = 0;
        for (int i = 0; i < f.length; i++) {
            double z = (f[i] - means[i]) / stds[i];
            d0 += (z - centroid0[i]) * (z - centroid0[i]);
            d1 += (z - centroid1[i]) * (z - centroid1[i]);
        }
        return 1 / (1 + Math.exp(-(d0 - d1) / 2));
    }

    static CentroidModel fit(List<Example> train) {
        double[][] stats = Standardizer.meansAndStds(train);
        int n = stats[0].length;
        double[][] sums = new double[2][n];
        int[] counts = new int[2];
        for (Example e : train) {
            counts[e.label()]++;
            for (int i = 0; i < n; i++) {
                sums[e.label()][i] += (e.features()[i] - stats[0][i]) / stats[1][i];
            }
        }
        for (int c = 0; c < 2; c++) {
            for (int i = 0; i < n; i++) {
                sums[c][i] /= Math.max(1, counts[c]);
            }
        }
        return new CentroidModel(stats[0], stats[1], sums[0], sums[1]);
    }
}
