package io.cascata.hdfs;

import io.cascata.core.settings.Setting;
import io.cascata.core.settings.SettingsSection;
import java.util.Optional;

/**
 * The settings of HDFS targets, read from {@code [hdfs]}: which Hadoop configuration to read and
 * which file system is the default.
 *
 * @param namenode the default file system, {@code fs.defaultFS}
 * @param confDir where core-site.xml and hdfs-site.xml are, over {@code HADOOP_CONF_DIR}
 */
@SettingsSection("hdfs")
public record HdfsSettings(
        @Setting(value = "the default file system, e.g. hdfs://127.0.0.1:9820 (else fs.defaultFS of HADOOP_CONF_DIR)",
                label = "URI") Optional<String> namenode,
        @Setting(value = "where core-site.xml and hdfs-site.xml are (default: $HADOOP_CONF_DIR)", option = "hadoop-conf-dir",
                label = "DIR") Optional<String> confDir) {
}
