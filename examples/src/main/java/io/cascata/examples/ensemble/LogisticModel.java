package io.cascata.examples.ensemble;

import java.util.List;

/**
 * Logistic regression on standardized features, fitted by batch gradient descent.
 *
 * @param means feature means of the training split
 * @param stds feature standard deviations of the training split
 * @param weights one weight per feature
 * @param bias the intercept
 */
record LogisticModel(double[] means, double[] stds, double[] weights, double bias) implements Model {

    @Override
    public double probability(double[] f) {
        double z = bias;
        for (int i = 0; i < f.length; i++) {
            z += weights[i] * (f[i] - means[i]) / stds[i];
        }
        return 1 / (1 + Math.exp(-z));
    }

    static LogisticModel fit(List<Example> train, int epochs, double rate) {
        int n = train.get(0).features().length;
        double[][] stats = Standardizer.meansAndStds(train);
        double[] w = new double[n];
        double b = 0;
        for (int epoch = 0; epoch < epochs; epoch++) {
            double[] gw = new double[n];
            double gb = 0;
            LogisticModel current = new LogisticModel(stats[0], stats[1], w, b);
            for (Example e : train) {
                double error = current.probability(e.features()) - e.label();
                for (int i = 0; i < n; i++) {
                    gw[i] += error * (e.features()[i] - stats[0][i]) / stats[1][i];
                }
                gb += error;
            }
            double[] next = w.clone();
            for (int i = 0; i < n; i++) {
                next[i] -= rate * gw[i] / train.size();
            }
            w = next;
            b -= rate * gb / train.size();
        }
        return new LogisticModel(stats[0], stats[1], w, b);
    }
}
