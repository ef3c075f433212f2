package io.cascata.hdfs;

import io.cascata.beam.StageOptionsCustomizer;
import io.cascata.core.config.CascataConfig;
import java.util.List;
import org.apache.beam.sdk.io.hdfs.HadoopFileSystemOptions;
import org.apache.beam.sdk.options.PipelineOptions;

/** Gives every Beam stage the same Hadoop configuration as the targets, so hdfs:// reads and writes work. */
public final class HdfsStageOptions implements StageOptionsCustomizer {

    @Override
    public void customize(PipelineOptions options, CascataConfig config) {
        options.as(HadoopFileSystemOptions.class).setHdfsConfiguration(List.of(HdfsConfig.of(config)));
    }
}
