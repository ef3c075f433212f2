package io.cascata.beam;

import io.cascata.core.config.CascataConfig;
import io.cascata.core.run.ExecutionContext;
import io.cascata.core.settings.Settings;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The driver's code on the session clusters of one run. The jar the driver runs from is uploaded
 * once to a cluster's JobManager through Flink's jar store ({@code POST /jars/upload}), named by
 * its SHA-256: later stages of the run, and later runs of the same jar, find it there, and a
 * driver with other code never uses it. Each stage's job then ships only a pointer jar, a few
 * hundred bytes whose manifest {@code Class-Path} names the stored jar; Flink's user-code class
 * loaders on the JobManager and the TaskManagers are URL class loaders, which follow it.
 *
 * <p>That needs the stored jar at the same path for every TaskManager and for the driver (which
 * checks its bytes): it is used only when all TaskManagers run on the JobManager's host and the
 * driver sees the JobManager's jar store. Otherwise, when the driver does not run from a jar, when
 * the user names {@code --filesToStage}, or when the jar cannot be placed, each job ships the
 * whole jar as Beam does. Closing deletes the run's pointer jars; the stored jar stays on the
 * cluster for the next run.
 */
final class SessionCode implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(SessionCode.class);

    /**
     * Where one cluster has the driver's code.
     *
     * @param pointer the pointer jar each job ships, naming the stored jar
     * @param stored where the JobManager keeps the driver's jar
     */
    private record Placed(Path pointer, Path stored) {
    }

    private final Path tmpRoot;
    private final Map<String, Optional<Placed>> byMaster = new HashMap<>();
    /** Bytes of the driver's jar uploaded to each cluster by the latest placing of the code there. */
    private final Map<String, Long> uploads = new HashMap<>();
    private CodeJar code;
    private FlinkScratch scratch;

    SessionCode(Path tmpRoot) {
        this.tmpRoot = tmpRoot;
    }

    /**
     * How a stage's job goes to the session cluster at {@code master}: with the pointer jar when
     * the cluster has (or now gets) the driver's jar, else with the whole jar. Notes for the
     * summary JSON which it is and how many bytes of code this stage sends.
     */
    Submission submission(String master, ExecutionContext context) throws InterruptedException {
        Optional<String> running = StageOptions.runningJar();
        if (running.isEmpty() || userStagesFiles(context.config())) {
            return new Submission(master, Optional.empty(), false);
        }
        long uploadedNow;
        Optional<Placed> placed;
        synchronized (this) {
            // A JobManager that restarted has a new, empty jar store: place the code again.
            boolean placeNow = !byMaster.containsKey(master)
                    || byMaster.get(master).filter(p -> !Files.isReadable(p.stored())).isPresent();
            if (placeNow) {
                uploads.remove(master);
                byMaster.put(master, place(master, Path.of(running.get())));
            }
            placed = byMaster.get(master);
            uploadedNow = placeNow && placed.isPresent() ? uploads.getOrDefault(master, 0L) : 0;
        }
        if (placed.isEmpty()) {
            context.note(BeamStageExecutor.FLINK_CODE, "the whole jar with each job");
            context.note(BeamStageExecutor.FLINK_CODE_BYTES, Long.toString(sizeOf(Path.of(running.get()))));
            return new Submission(master, Optional.empty(), false);
        }
        long pointer = sizeOf(placed.get().pointer());
        context.note(BeamStageExecutor.FLINK_CODE, placed.get().stored().getFileName().toString());
        context.note(BeamStageExecutor.FLINK_CODE_BYTES, Long.toString(uploadedNow + pointer));
        return new Submission(master, Optional.of(List.of(placed.get().pointer().toString())), false);
    }

    /** Finds or uploads the driver's jar on the cluster and writes the pointer jar; empty to ship the whole jar. */
    private Optional<Placed> place(String master, Path running) throws InterruptedException {
        try {
            if (!FlinkJars.taskManagersOnJobManagerHost(master)) {
                LOG.info("the TaskManagers of the Flink cluster at {} do not all run on its JobManager's host: each job"
                        + " ships the whole jar", master);
                return Optional.empty();
            }
            Path store = FlinkJars.storeDirectory(master);
            if (!Files.isDirectory(store.getParent())) {
                LOG.info("this driver does not see the jar store of the Flink cluster at {} ({}): each job ships the whole jar",
                        master, store);
                return Optional.empty();
            }
            long begin = System.nanoTime();
            if (code == null) {
                code = CodeJar.of(running);
            }
            CodeJar jar = code;
            Path stored = findStored(master, store, jar);
            if (stored == null) {
                stored = FlinkJars.upload(master, jar.path(), jar.clusterName());
                uploads.put(master, jar.size());
                if (!Files.isReadable(stored) || Files.size(stored) != jar.size()) {
                    LOG.info("this driver does not see the jar it uploaded to the Flink cluster at {} ({}): each job ships"
                            + " the whole jar", master, stored);
                    return Optional.empty();
                }
                LOG.info("uploaded {} ({} bytes) to the Flink cluster at {} in {} ms; its jobs ship only a pointer to it",
                        jar.clusterName(), jar.size(), master, (System.nanoTime() - begin) / 1_000_000);
            } else {
                LOG.info("the Flink cluster at {} has this code ({}); nothing to upload", master, stored.getFileName());
            }
            return Optional.of(new Placed(writePointer(stored, jar), stored));
        } catch (IOException | RuntimeException e) {
            LOG.warn("cannot keep the code on the Flink cluster at {} ({}): each job ships the whole jar", master,
                    e.getMessage(), e);
            return Optional.empty();
        }
    }

    /**
     * The stored jar named for this code, if its bytes are this code's; one named so that holds
     * other bytes is deleted from the cluster (a driver never runs against code other than its own).
     */
    private static Path findStored(String master, Path store, CodeJar jar) throws InterruptedException, IOException {
        for (FlinkJars.StoredJar stored : FlinkJars.list(master)) {
            if (!stored.name().equals(jar.clusterName())) {
                continue;
            }
            Path file = store.resolve(stored.id());
            if (!Files.isReadable(file)) {
                continue;
            }
            if (jar.sameBytesAs(file)) {
                return file;
            }
            LOG.warn("jar {} on the Flink cluster at {} is named for this code but holds other bytes; deleting it",
                    stored.id(), master);
            FlinkJars.delete(master, stored.id());
        }
        return null;
    }

    /** The pointer jar each job to the cluster ships, in the run's scratch directory. */
    private Path writePointer(Path stored, CodeJar jar) throws IOException {
        if (scratch == null) {
            FlinkScratch.removeAbandoned(tmpRoot);
            scratch = FlinkScratch.create(tmpRoot);
        }
        // Named for the code and the place: the same bytes give the same blob key on the cluster.
        return PointerJar.write(scratch.path().resolve("code-" + jar.sha256().substring(0, 16) + "-"
                + Integer.toHexString(stored.toString().hashCode()) + ".jar"), stored);
    }

    private static boolean userStagesFiles(CascataConfig config) {
        return PipelineArgs.names(Settings.read(BeamSettings.class, config).pipelineOptions()).contains("filesToStage");
    }

    private static long sizeOf(Path file) {
        try {
            return Files.size(file);
        } catch (IOException e) {
            return -1;
        }
    }

    /** Deletes the run's pointer jars. */
    @Override
    public synchronized void close() {
        if (scratch != null) {
            scratch.delete();
        }
    }

    @Override
    public String toString() {
        return "the driver's code on session clusters " + byMaster.keySet();
    }
}
