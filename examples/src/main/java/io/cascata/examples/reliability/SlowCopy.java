package io.cascata.examples.reliability;

import io.cascata.core.Param;
import io.cascata.core.Task;
import io.cascata.core.targets.LocalTarget;
import java.io.BufferedWriter;
import java.time.Duration;

/**
 * A task that takes its time: it writes one line of output/slow_copy.txt every 100 ms for
 * {@code work}. Stop it with a timeout ({@code --task-timeout 1s}) or Ctrl-C while it runs, and
 * the half-written file never appears: its output is published only when run() returns.
 */
public record SlowCopy(@Param(value = "how long the copy takes", defaultValue = "5s") Duration work) implements Task {

    @Override
    public LocalTarget output() {
        return LocalTarget.of("output/slow_copy.txt");
    }

    @Override
    public void run() throws Exception {
        long lines = Math.max(1, work.toMillis() / 100);
        try (BufferedWriter out = output().openWriter()) {
            for (long i = 1; i <= lines; i++) {
                out.write("line " + i + "\n");
                out.flush();
                Thread.sleep(100); // where an interruption (timeout, Ctrl-C) ends the task
            }
        }
    }
}
