package io.cascata.core.explain;

import io.cascata.core.Shapes;
import io.cascata.core.Task;
import io.cascata.core.run.Event;
import io.cascata.core.run.TaskEvent;
import io.cascata.core.run.TaskListener;
import io.cascata.core.targets.Target;
import io.cascata.core.targets.Workspace;
import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes the {@link Provenance} of each parameter-aware output ({@link Workspace} paths, whose
 * names carry the task's lineage) once its task has succeeded. Outputs at fixed paths get none:
 * their paths do not follow parameters, so there is no earlier version to compare with, and a
 * graph of them (FanIn's 110,001 tasks) pays one string test per output and no file.
 */
public final class ProvenanceRecorder implements TaskListener {

    private static final Logger LOG = LoggerFactory.getLogger(ProvenanceRecorder.class);

    @Override
    public boolean accepts(Event type) {
        return type == Event.SUCCESS;
    }

    @Override
    public void onEvent(TaskEvent event) {
        Task task = event.task();
        if (!Workspace.givesPaths(task.getClass())) {
            return; // the output() that ran before this event asked for no workspace path
        }
        try {
            String familyDirectory = "/" + task.family() + "/";
            List<String> locations = new ArrayList<>();
            for (Target target : Shapes.targets(task.output())) {
                if (target.location().contains(familyDirectory)) {
                    locations.add(target.location());
                }
            }
            if (locations.isEmpty()) {
                return;
            }
            String lineage = Workspace.lineage(task);
            Provenance provenance = null;
            for (String location : locations) {
                if (!location.contains("_" + lineage)) {
                    continue;
                }
                if (provenance == null) {
                    provenance = of(task, lineage);
                }
                ProvenanceFiles.write(location, provenance);
            }
        } catch (IOException | RuntimeException e) {
            // provenance only explains; a run never fails for want of it
            LOG.warn("cannot record where the output of {} came from: {}", task.id().display(), e.toString());
        }
    }

    static Provenance of(Task task, String lineage) {
        List<Provenance.TaskRef> requires = new ArrayList<>();
        for (Task r : Shapes.tasks(task.requires())) {
            requires.add(ref(r, Workspace.lineage(r)));
        }
        return new Provenance(ref(task, ""), lineage, Workspace.codeVersion(task), Instant.now(), requires);
    }

    static Provenance.TaskRef ref(Task task, String lineage) {
        return new Provenance.TaskRef(task.id().value(), task.id().family(), task.id().parameters(), lineage);
    }
}
