package io.cascata.beam;

import org.apache.beam.sdk.metrics.Counter;
import org.apache.beam.sdk.metrics.Metrics;
import org.apache.beam.sdk.transforms.DoFn;

/**
 * Passes elements through unchanged, counting them in a Beam counter of Cascata's namespace: how
 * a stage reports the elements it read and wrote, on every runner, through Beam's metrics.
 *
 * @param <T> the element type
 */
final class CountElements<T> extends DoFn<T, T> {

    /** The metrics namespace of what Cascata itself counts in a stage. */
    static final String NAMESPACE = "cascata";
    static final String READ = "elements-read";
    static final String WRITTEN = "elements-written";

    private final Counter counter;

    private CountElements(String name) {
        this.counter = Metrics.counter(NAMESPACE, name);
    }

    static <T> CountElements<T> read() {
        return new CountElements<>(READ);
    }

    static <T> CountElements<T> written() {
        return new CountElements<>(WRITTEN);
    }

    @ProcessElement
    public void process(@Element T element, OutputReceiver<T> out) {
        counter.inc();
        out.output(element);
    }
}
