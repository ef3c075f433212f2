package io.cascata.examples.ensemble;

import java.util.List;

/**
 * How a model does on held-out rows.
 *
 * @param model its name
 * @param accuracy the share of rows whose label the 0.5 threshold gets right
 * @param logLoss the mean negative log-likelihood of the labels
 * @param rows how many held-out rows
 */
record Score(String model, double accuracy, double logLoss, int rows) {

    static Score of(String name, Model model, List<Example> test) {
        int right = 0;
        double loss = 0;
        for (Example e : test) {
            double p = Math.min(1 - 1e-12, Math.max(1e-12, model.probability(e.features())));
            if ((p >= 0.5 ? 1 : 0) == e.label()) {
                right++;
            }
            loss -= e.label() == 1 ? Math.log(p) : Math.log(1 - p);
        }
        return new Score(name, (double) right / test.size(), loss / test.size(), test.size());
    }
}
