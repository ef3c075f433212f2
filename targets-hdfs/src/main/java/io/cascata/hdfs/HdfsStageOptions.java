package io.cascata.hdfs;

import io.cascata.beam.StageOptionsCustomizer;
import io.cascata.core.config.CascataConfig;
import java.util.List;
import org.apache.beam.sdk.io.hdfs.HadoopFileSystemOptions;
import org.apache.beam.sdk.options.PipelineOptions;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;

/**
 * Gives every Beam stage the same Hadoop configuration as the targets, so hdfs:// reads and
 * writes work. Beam serves one Hadoop file system per configuration, the one {@code fs.defaultFS}
 * names, so stages reach the HDFS of {@code --namenode} (or HADOOP_CONF_DIR); with the local disk
 * as default there is nothing to add (and Beam would refuse a second file:// system).
 */
public final class HdfsStageOptions implements StageOptionsCustomizer {

    @Override
    public void customize(PipelineOptions options, CascataConfig config) {
        Configuration conf = HdfsConfig.of(config);
        if (!"file".equals(FileSystem.getDefaultUri(conf).getScheme())) {
            options.as(HadoopFileSystemOptions.class).setHdfsConfiguration(List.of(conf));
        }
    }
}
