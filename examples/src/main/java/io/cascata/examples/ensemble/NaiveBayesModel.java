package io.cascata.examples.ensemble;

import io.cascata.core.targets.DirectoryTarget;
import io.cascata.core.targets.FileTarget;
import java.io.IOException;

/**
 * Gaussian naive Bayes: per label, a prior and a mean and variance per feature.
 *
 * @param priors P(label) for labels 0 and 1
 * @param means [label][feature] means
 * @param variances [label][feature] variances
 */
record NaiveBayesModel(double[] priors, double[][] means, double[][] variances) implements Model {

    @Override
    public double probability(double[] f) {
        double[] logp = new double[2];
        for (int c = 0; c < 2; c++) {
            logp[c] = Math.log(priors[c]);
            for (int i = 0; i < f.length; i++) {
                double v = variances[c][i];
                logp[c] += -0.5 * Math.log(2 * Math.PI * v) - (f[i] - means[c][i]) * (f[i] - means[c][i]) / (2 * v);
            }
        }
        return 1 / (1 + Math.exp(logp[0] - logp[1]));
    }

    /** Reads the statistics a TrainNaiveBayes stage wrote: {@code label,feature,kind,value} lines (kind n, s or q). */
    static NaiveBayesModel read(DirectoryTarget statistics, int features) throws IOException {
        double[][] count = new double[2][features];
        double[][] sum = new double[2][features];
        double[][] sumSq = new double[2][features];
        for (FileTarget file : statistics.files()) {
            for (String line : file.readLines()) {
                String[] p = line.split(",");
                int c = Integer.parseInt(p[0]);
                int i = Integer.parseInt(p[1]);
                double value = Double.parseDouble(p[3]);
                switch (p[2]) {
                    case "n" -> count[c][i] = value;
                    case "s" -> sum[c][i] = value;
                    case "q" -> sumSq[c][i] = value;
                    default -> throw new IOException("unknown statistic '" + p[2] + "' in " + file.location());
                }
            }
        }
        double total = count[0][0] + count[1][0];
        double[] priors = {count[0][0] / total, count[1][0] / total};
        double[][] means = new double[2][features];
        double[][] variances = new double[2][features];
        for (int c = 0; c < 2; c++) {
            for (int i = 0; i < features; i++) {
                means[c][i] = sum[c][i] / count[c][i];
                variances[c][i] = Math.max(1e-9, sumSq[c][i] / count[c][i] - means[c][i] * means[c][i]);
            }
        }
        return new NaiveBayesModel(priors, means, variances);
    }
}
