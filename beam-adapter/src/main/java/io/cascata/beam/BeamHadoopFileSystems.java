package io.cascata.beam;

import io.cascata.core.config.CascataConfig;
import io.cascata.core.targets.Storages;
import io.cascata.hdfs.HdfsConfig;
import java.net.URI;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import org.apache.beam.sdk.io.hdfs.HadoopFileSystemOptions;
import org.apache.beam.sdk.options.PipelineOptions;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;

/**
 * Gives Beam the Hadoop file systems a stage reads and writes, so that full URIs such as
 * {@code hdfs://host:9820/data} work with no {@code --namenode} and no {@code HADOOP_CONF_DIR}.
 *
 * <p>Beam serves a Hadoop scheme only for the one configuration in a pipeline's options, under
 * the scheme of its {@code fs.defaultFS}, and keeps its file systems in one registry for the
 * whole process, replaced by every pipeline that starts. So that concurrent stages do not take
 * each other's file systems away, every stage gets the same configuration: one naming each
 * scheme any stage of this process has needed so far (the set only grows). Each path is then
 * opened by Hadoop with its own authority.
 */
final class BeamHadoopFileSystems {

    private static final Set<String> HDFS_FAMILY = Set.of("hdfs", "webhdfs", "viewfs");
    private static final String NAMESERVICES = "dfs.nameservices";
    private static final String UNUSED_NAMESERVICE = "cascata-no-such-nameservice";

    /** Scheme to a URI with the scheme's first authority, for every scheme a stage in this process needed. */
    private static final Map<String, String> NEEDED_IN_PROCESS = new TreeMap<>();

    private BeamHadoopFileSystems() {
    }

    /** Sets the stage's Hadoop file systems for its locations; nothing when none is a Hadoop one. */
    static void configure(PipelineOptions options, Collection<String> locations, CascataConfig config) {
        Configuration base = HdfsConfig.of(config);
        Map<String, String> needed = new TreeMap<>();
        URI defaultFs = FileSystem.getDefaultUri(base);
        if (defaultFs.getScheme() != null && !defaultFs.getScheme().equals("file")) {
            needed.put(defaultFs.getScheme(), defaultFs.toString());
        }
        for (String location : locations) {
            Optional<String> scheme = Storages.scheme(location);
            if (scheme.isPresent() && !scheme.get().equals("file")) {
                URI uri = URI.create(location);
                String authority = uri.getAuthority() == null ? "" : uri.getAuthority();
                needed.putIfAbsent(scheme.get(), scheme.get() + "://" + authority);
            }
        }
        Map<String, String> all;
        synchronized (NEEDED_IN_PROCESS) {
            needed.forEach(NEEDED_IN_PROCESS::putIfAbsent);
            all = new TreeMap<>(NEEDED_IN_PROCESS);
        }
        if (all.isEmpty()) {
            return; // local files only: Beam's own local file system serves them
        }
        List<String> others = all.keySet().stream().filter(s -> !HDFS_FAMILY.contains(s)).toList();
        List<String> hdfsFamily = all.keySet().stream().filter(HDFS_FAMILY::contains).toList();
        if (others.size() > 1) {
            throw new IllegalArgumentException("Beam stages in one process can use one Hadoop object store or other"
                    + " non-HDFS scheme besides hdfs, webhdfs and viewfs; this process needs " + all.keySet());
        }
        String scheme = others.isEmpty() ? (hdfsFamily.contains("hdfs") ? "hdfs" : hdfsFamily.get(0)) : others.get(0);
        Configuration conf = new Configuration(base);
        conf.set(FileSystem.FS_DEFAULT_NAME_KEY, all.get(scheme));
        boolean moreThanDefault = all.size() > 1;
        String nameservices = conf.getTrimmed(NAMESERVICES, "");
        if (moreThanDefault && nameservices.isEmpty()) {
            // Beam adds hdfs, webhdfs and viewfs to the default scheme only when nameservices are configured;
            // a name no URI uses changes nothing else (paths keep their own host and port).
            conf.set(NAMESERVICES, UNUSED_NAMESERVICE);
        }
        options.as(HadoopFileSystemOptions.class).setHdfsConfiguration(List.of(conf));
    }
}
