package io.cascata.hdfs;

import io.cascata.core.settings.Setting;
import io.cascata.core.settings.SettingsSection;
import java.net.URI;
import java.net.URISyntaxException;
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

    public HdfsSettings {
        namenode.ifPresent(HdfsSettings::checkNamenode);
    }

    /** A default file system is a URI with a scheme (hdfs://host:port, file:///, ...); HDFS's names a host. */
    private static void checkNamenode(String uri) {
        URI parsed;
        try {
            parsed = new URI(uri);
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException("key 'namenode': '" + uri + "' is not a URI such as hdfs://127.0.0.1:9820 ("
                    + e.getReason() + ")");
        }
        if (parsed.getScheme() == null || parsed.getScheme().length() < 2) {
            throw new IllegalArgumentException("key 'namenode': '" + uri
                    + "' has no scheme; write a URI such as hdfs://127.0.0.1:9820");
        }
        if (parsed.isOpaque()) {
            throw new IllegalArgumentException("key 'namenode': '" + uri + "' is not a URI such as hdfs://127.0.0.1:9820"
                    + " (did you mean hdfs://" + uri + "?)");
        }
        if (parsed.getScheme().equalsIgnoreCase("hdfs") && parsed.getHost() == null) {
            throw new IllegalArgumentException("key 'namenode': '" + uri
                    + "' names no host; write a URI such as hdfs://127.0.0.1:9820");
        }
    }
}
