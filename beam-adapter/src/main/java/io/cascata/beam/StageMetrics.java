package io.cascata.beam;

import io.cascata.core.run.ExecutionContext;
import java.util.Map;
import java.util.TreeMap;
import org.apache.beam.sdk.PipelineResult;
import org.apache.beam.sdk.metrics.DistributionResult;
import org.apache.beam.sdk.metrics.GaugeResult;
import org.apache.beam.sdk.metrics.MetricName;
import org.apache.beam.sdk.metrics.MetricQueryResults;
import org.apache.beam.sdk.metrics.MetricResult;
import org.apache.beam.sdk.metrics.MetricsFilter;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Beam metrics a stage's pipeline reported (counters, distributions, gauges), noted for the
 * summary JSON as {@code metric.<namespace>.<name>}, and the elements it read and wrote as
 * {@code elements-read} and {@code elements-written}: a metric reported by several steps of the
 * pipeline is combined over them (counters summed, distributions merged, the latest gauge).
 */
final class StageMetrics {

    /** Detail key prefix of a stage's metrics. */
    static final String PREFIX = "metric.";

    private static final Logger LOG = LoggerFactory.getLogger(StageMetrics.class);

    private StageMetrics() {
    }

    static void note(PipelineResult result, ExecutionContext context) {
        note(result, context, MetricsFilter.builder().build());
    }

    /**
     * Notes the metrics of one stage of a fused chain: those reported inside the composite
     * transform {@code step} that holds the stage's transforms.
     */
    static void note(PipelineResult result, ExecutionContext context, String step) {
        note(result, context, MetricsFilter.builder().addStep(step).build());
    }

    private static void note(PipelineResult result, ExecutionContext context, MetricsFilter filter) {
        MetricQueryResults metrics;
        try {
            metrics = result.metrics().queryMetrics(filter);
        } catch (RuntimeException e) {
            // A runner that keeps no metrics must not fail a stage that succeeded.
            LOG.debug("no metrics from {}", result, e);
            return;
        }
        Map<String, Long> counters = new TreeMap<>();
        for (MetricResult<Long> c : metrics.getCounters()) {
            counters.merge(key(c.getName()), c.getAttempted(), Long::sum);
        }
        Map<String, DistributionResult> distributions = new TreeMap<>();
        for (MetricResult<DistributionResult> d : metrics.getDistributions()) {
            distributions.merge(key(d.getName()), d.getAttempted(), StageMetrics::merge);
        }
        Map<String, GaugeResult> gauges = new TreeMap<>();
        for (MetricResult<GaugeResult> g : metrics.getGauges()) {
            gauges.merge(key(g.getName()), g.getAttempted(),
                    (a, b) -> a.getTimestamp().isAfter(b.getTimestamp()) ? a : b);
        }
        counters.forEach((k, v) -> context.note(k, Long.toString(v)));
        distributions.forEach((k, d) -> context.note(k, "count " + d.getCount() + ", sum " + d.getSum() + ", min "
                + d.getMin() + ", max " + d.getMax()));
        gauges.forEach((k, g) -> context.note(k, Long.toString(g.getValue())));
    }

    /** Cascata's own counts become plain details ({@code elements-read}); a stage's metrics keep their namespace. */
    private static String key(MetricName name) {
        if (CountElements.NAMESPACE.equals(name.getNamespace())) {
            return name.getName();
        }
        return PREFIX + name.getNamespace() + "." + name.getName();
    }

    private static DistributionResult merge(DistributionResult a, DistributionResult b) {
        return DistributionResult.create(a.getSum() + b.getSum(), a.getCount() + b.getCount(),
                Math.min(a.getMin(), b.getMin()), Math.max(a.getMax(), b.getMax()));
    }
}
