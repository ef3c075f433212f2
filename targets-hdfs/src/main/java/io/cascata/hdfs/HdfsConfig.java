package io.cascata.hdfs;

import io.cascata.core.config.CascataConfig;
import io.cascata.core.param.ParameterSources;
import io.cascata.core.settings.Settings;
import java.io.File;
import java.util.Optional;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.Path;

/**
 * The Hadoop configuration Cascata uses, as Hadoop users expect it: core-site.xml and
 * hdfs-site.xml from {@code HADOOP_CONF_DIR} (and the class path), then {@code [hdfs] namenode}
 * (or {@code --namenode}) as {@code fs.defaultFS}. Client retries are bounded unless the files
 * say otherwise, so that an unreachable NameNode is an error after seconds, not a hang. Built once
 * per run's config and kept with it, so two runs with different configs never share one.
 */
public final class HdfsConfig {

    private HdfsConfig() {
    }

    /** The Hadoop configuration for the config in force. */
    public static Configuration current() {
        return of(ParameterSources.current().config());
    }

    /** The Hadoop configuration for a Cascata config (built once per config). */
    public static Configuration of(CascataConfig config) {
        return config.derived(Configuration.class, c -> build(c, System.getenv("HADOOP_CONF_DIR")));
    }

    static Configuration build(CascataConfig config, String hadoopConfDir) {
        Configuration conf = new Configuration();
        HdfsSettings settings = Settings.read(HdfsSettings.class, config);
        Optional<String> confDir = settings.confDir().or(() -> Optional.ofNullable(hadoopConfDir));
        confDir.ifPresent(dir -> {
            for (String name : new String[] {"core-site.xml", "hdfs-site.xml"}) {
                File file = new File(dir, name);
                if (file.isFile()) {
                    conf.addResource(new Path(file.toURI()));
                }
            }
        });
        settings.namenode().ifPresent(uri -> conf.set("fs.defaultFS", uri));
        boundRetries(conf);
        return conf;
    }

    /** Seconds, not minutes, before a client gives up on a NameNode that does not answer. */
    private static void boundRetries(Configuration conf) {
        setIfUnset(conf, "ipc.client.connect.max.retries", "2");
        setIfUnset(conf, "ipc.client.connect.retry.interval", "500");
        setIfUnset(conf, "ipc.client.connect.timeout", "5000");
        setIfUnset(conf, "ipc.client.connect.max.retries.on.timeouts", "2");
        setIfUnset(conf, "dfs.client.retry.policy.enabled", "false");
        setIfUnset(conf, "dfs.client.failover.max.attempts", "2");
        setIfUnset(conf, "ipc.client.rpc-timeout.ms", "30000");
    }

    /** Sets a key unless a site file or the user did; Hadoop's own *-default.xml values give way. */
    private static void setIfUnset(Configuration conf, String key, String value) {
        String[] sources = conf.getPropertySources(key);
        boolean fromDefaults = sources == null
                || java.util.Arrays.stream(sources).allMatch(source -> source.endsWith("-default.xml"));
        if (fromDefaults) {
            conf.set(key, value);
        }
    }
}
