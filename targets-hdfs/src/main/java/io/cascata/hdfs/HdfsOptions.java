package io.cascata.hdfs;

import io.cascata.core.cli.ConfigOption;
import io.cascata.core.cli.ConfigOptionProvider;
import java.util.List;

/** The command-line options of HDFS, backed by the {@code [hdfs]} config section. */
public final class HdfsOptions implements ConfigOptionProvider {

    @Override
    public List<ConfigOption> options() {
        return List.of(
                new ConfigOption("namenode", HdfsConfig.SECTION, "namenode", "URI",
                        "the default file system, e.g. hdfs://127.0.0.1:9820 (else fs.defaultFS of HADOOP_CONF_DIR)", false),
                new ConfigOption("hadoop-conf-dir", HdfsConfig.SECTION, "conf-dir", "DIR",
                        "where core-site.xml and hdfs-site.xml are (default: $HADOOP_CONF_DIR)", false));
    }
}
