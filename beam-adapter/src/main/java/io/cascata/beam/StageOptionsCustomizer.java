package io.cascata.beam;

import io.cascata.core.config.CascataConfig;
import org.apache.beam.sdk.options.PipelineOptions;

/**
 * Adds to every stage's pipeline options what another module needs: the HDFS module gives
 * Beam its Hadoop configuration, say. Implementations are found with
 * {@link java.util.ServiceLoader}.
 */
public interface StageOptionsCustomizer {

    void customize(PipelineOptions options, CascataConfig config);
}
