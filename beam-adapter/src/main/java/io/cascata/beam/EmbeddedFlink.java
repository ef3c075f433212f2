package io.cascata.beam;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.flink.configuration.BlobServerOptions;
import org.apache.flink.configuration.ClusterOptions;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.CoreOptions;
import org.apache.flink.configuration.MemorySize;
import org.apache.flink.configuration.RestOptions;
import org.apache.flink.configuration.TaskManagerOptions;
import org.apache.flink.configuration.WebOptions;
import org.apache.flink.runtime.minicluster.MiniCluster;
import org.apache.flink.runtime.minicluster.MiniClusterConfiguration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Flink cluster inside the driver that every heavy stage of one run on {@code [local]} shares:
 * launched by the run's first such stage, it starts on a thread of its own while that stage
 * builds its pipeline, takes jobs over its REST address (on a free port of the loopback
 * interface) like a session cluster, runs several at once, and is stopped when the run ends.
 * Every file it makes is under a {@link FlinkScratch} directory of its own, deleted when it
 * stops; a run that was killed leaves that directory to the next run to remove.
 */
final class EmbeddedFlink implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(EmbeddedFlink.class);
    /** How long starting the cluster may take before a stage that waits for it fails. */
    private static final Duration START_WAIT = Duration.ofSeconds(120);
    /** How long stopping it may take, once started. */
    private static final Duration STOP_WAIT = Duration.ofSeconds(60);

    /** The cluster once it is up, and its REST address, {@code host:port}. */
    private record Running(MiniCluster cluster, String restAddress) {
    }

    /** The latest start; replaced by a new one when it failed (guarded by this). */
    private CompletableFuture<Running> running;
    private final FlinkScratch scratch;
    private final int slots;
    private final Path emptyJar;

    private EmbeddedFlink(CompletableFuture<Running> running, FlinkScratch scratch, int slots, Path emptyJar) {
        this.running = running;
        this.scratch = scratch;
        this.slots = slots;
        this.emptyJar = emptyJar;
    }

    /**
     * Launches a cluster with {@code slots} task slots (enough for several stages at once), after
     * removing what killed runs left under {@code tmpRoot}, and returns at once: the cluster
     * starts on a thread of its own (its first use waits for it; {@link #restAddress()}).
     */
    static EmbeddedFlink start(Path tmpRoot, int slots) {
        FlinkScratch.removeAbandoned(tmpRoot);
        FlinkScratch scratch = FlinkScratch.create(tmpRoot);
        Path emptyJar;
        try {
            emptyJar = writeEmptyJar(scratch.path());
        } catch (IOException e) {
            scratch.delete();
            throw new UncheckedIOException("cannot write the embedded Flink's empty job jar in " + scratch.path(), e);
        }
        return new EmbeddedFlink(launch(scratch.path(), slots), scratch, slots, emptyJar);
    }

    /** Starts a cluster on a thread of its own. */
    private static CompletableFuture<Running> launch(Path scratch, int slots) {
        CompletableFuture<Running> running = new CompletableFuture<>();
        Thread starter = new Thread(() -> {
            try {
                running.complete(startCluster(scratch, slots));
            } catch (Throwable e) {
                running.completeExceptionally(e);
            }
        }, "cascata-flink-start");
        starter.setDaemon(true);
        starter.start();
        return running;
    }

    private static Running startCluster(Path scratch, int slots) throws Exception {
        long begin = System.nanoTime();
        MiniClusterConfiguration config = new MiniClusterConfiguration.Builder()
                .setConfiguration(configuration(scratch, slots))
                .setNumTaskManagers(1)
                .setNumSlotsPerTaskManager(slots)
                .build();
        MiniCluster cluster = new MiniCluster(config);
        try {
            cluster.start();
            URI rest = cluster.getRestAddress().get(START_WAIT.toSeconds(), TimeUnit.SECONDS);
            String address = rest.getHost() + ":" + rest.getPort();
            LOG.info("embedded Flink with {} slots at http://{} started in {} ms", slots, address,
                    (System.nanoTime() - begin) / 1_000_000);
            return new Running(cluster, address);
        } catch (Exception e) {
            try {
                cluster.close();
            } catch (Exception suppressed) {
                e.addSuppressed(suppressed);
            }
            throw e;
        }
    }

    /**
     * The cluster's settings: every directory Flink would otherwise make in {@code java.io.tmpdir}
     * points into the scratch directory; REST on a free loopback port; managed memory in
     * proportion to the slots, as much per slot as Beam's own local cluster gives a stage.
     */
    private static Configuration configuration(Path scratch, int slots) {
        Configuration c = new Configuration();
        String dir = scratch.toAbsolutePath().toString();
        c.set(CoreOptions.TMP_DIRS, dir);
        c.set(ClusterOptions.PROCESS_WORKING_DIR_BASE, dir);
        c.set(BlobServerOptions.STORAGE_DIRECTORY, dir);
        c.set(WebOptions.TMP_DIR, dir);
        c.set(RestOptions.ADDRESS, "127.0.0.1");
        c.set(RestOptions.BIND_ADDRESS, "127.0.0.1");
        c.set(RestOptions.BIND_PORT, "0");
        c.set(TaskManagerOptions.MANAGED_MEMORY_SIZE, MemorySize.ofMebiBytes(64L * slots));
        c.set(TaskManagerOptions.NUM_TASK_SLOTS, slots);
        // Stages run from the driver's own class path: no jar is shipped, so no class loader of a
        // job outlives it and Flink's leak check has nothing to find.
        c.set(CoreOptions.CHECK_LEAKED_CLASSLOADER, false);
        return c;
    }

    /**
     * A jar with nothing but a manifest, the one file stages "ship" to this cluster: it runs in
     * the driver's JVM and loads their classes from the driver's class path. Beam reads an empty
     * list of files to stage as "stage the whole class path" (pipeline.jar, 174 MB, on every
     * submission), so the list holds this instead.
     */
    Path emptyJar() {
        return emptyJar;
    }

    private static Path writeEmptyJar(Path dir) throws IOException {
        Path jar = dir.resolve("no-classes.jar");
        java.util.jar.Manifest manifest = new java.util.jar.Manifest();
        manifest.getMainAttributes().put(java.util.jar.Attributes.Name.MANIFEST_VERSION, "1.0");
        try (java.util.jar.JarOutputStream out = new java.util.jar.JarOutputStream(
                java.nio.file.Files.newOutputStream(jar), manifest)) {
            // the manifest is the whole content
        }
        return jar;
    }

    /**
     * Where stages submit their jobs, {@code host:port}, as a session cluster's address is
     * written: waits for the cluster to be up.
     *
     * @throws IllegalStateException when it could not start
     */
    String restAddress() throws InterruptedException {
        CompletableFuture<Running> start;
        synchronized (this) {
            start = running;
        }
        try {
            return start.get(START_WAIT.toMillis(), TimeUnit.MILLISECONDS).restAddress();
        } catch (ExecutionException e) {
            // This stage fails; a later one, or its retry, gets a cluster started anew.
            synchronized (this) {
                if (running == start) {
                    running = launch(scratch.path(), slots);
                }
            }
            Throwable cause = e.getCause() == null ? e : e.getCause();
            throw new IllegalStateException("cannot start the embedded Flink: " + cause.getMessage(), cause);
        } catch (TimeoutException e) {
            throw new IllegalStateException("the embedded Flink did not start within " + START_WAIT.toSeconds() + " s");
        }
    }

    int slots() {
        return slots;
    }

    Path scratch() {
        return scratch.path();
    }

    /**
     * Stops the cluster (cancelling any job still running) and deletes its files; waits a bounded
     * time for a cluster still starting.
     */
    @Override
    public void close() {
        long begin = System.nanoTime();
        CompletableFuture<Running> start;
        synchronized (this) {
            start = running;
        }
        Running cluster;
        try {
            cluster = start.get(START_WAIT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException startFailed) {
            scratch.delete(); // nothing started, nothing to stop
            return;
        } catch (InterruptedException | TimeoutException e) {
            if (e instanceof InterruptedException) {
                Thread.currentThread().interrupt();
            }
            // Still starting: stop it (and then delete its files) whenever it is up.
            LOG.warn("the embedded Flink is still starting; it is stopped once it has started");
            start.whenComplete((late, failed) -> {
                if (late != null) {
                    late.cluster().closeAsync().whenComplete((done, error) -> scratch.delete());
                } else {
                    scratch.delete();
                }
            });
            return;
        }
        try {
            cluster.cluster().closeAsync().get(STOP_WAIT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (Exception e) {
            if (e instanceof InterruptedException) {
                Thread.currentThread().interrupt();
            }
            LOG.warn("the embedded Flink did not stop cleanly", e);
        } finally {
            scratch.delete();
        }
        LOG.debug("embedded Flink stopped in {} ms", (System.nanoTime() - begin) / 1_000_000);
    }

    @Override
    public String toString() {
        return "embedded Flink in " + scratch.path();
    }
}
