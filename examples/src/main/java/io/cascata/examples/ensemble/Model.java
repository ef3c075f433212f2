package io.cascata.examples.ensemble;

/** A trained binary classifier: the probability that a row's label is 1. */
interface Model {

    double probability(double[] features);
}
