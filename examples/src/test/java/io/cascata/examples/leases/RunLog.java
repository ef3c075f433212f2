package io.cascata.examples.leases;

import io.cascata.core.targets.Storage;
import io.cascata.core.targets.Storages;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;

/**
 * Counts task runs across processes: each run of a task creates one new file
 * {@code runs/<task>.<unique>} with an exclusive create, on whatever file system the run's
 * directory is; the count of a task's files is how often it ran.
 */
final class RunLog {

    private RunLog() {
    }

    static void record(String dir, String task) throws IOException {
        Storage storage = Storages.forLocation(dir);
        String file = storage.child(storage.child(dir, "runs"), task + "." + ProcessHandle.current().pid() + "-" + UUID.randomUUID());
        if (!storage.createExclusive(file, task.getBytes(StandardCharsets.UTF_8))) {
            throw new IOException(file + " exists");
        }
    }

    /** How often each task ran, by task name. */
    static Map<String, Integer> counts(String dir) throws IOException {
        Storage storage = Storages.forLocation(dir);
        Map<String, Integer> counts = new HashMap<>();
        for (var entry : storage.list(storage.child(dir, "runs"))) {
            String name = entry.name();
            counts.merge(name.substring(0, name.indexOf('.')), 1, Integer::sum);
        }
        return counts;
    }
}
