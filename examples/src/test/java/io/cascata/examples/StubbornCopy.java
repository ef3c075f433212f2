package io.cascata.examples;

import io.cascata.core.Param;
import io.cascata.core.Task;
import io.cascata.core.targets.LocalTarget;
import java.io.BufferedWriter;
import java.time.Duration;

/**
 * A task that ignores interruption, for the tests of what the driver does with one: it writes a
 * line of output/stubborn_copy.txt every 100 ms for {@code work} and swallows every interrupt.
 */
public record StubbornCopy(@Param(defaultValue = "60s") Duration work) implements Task {

    @Override
    public LocalTarget output() {
        return LocalTarget.of("output/stubborn_copy.txt");
    }

    @Override
    public void run() throws Exception {
        long end = System.nanoTime() + work.toNanos();
        try (BufferedWriter out = output().openWriter()) {
            while (System.nanoTime() < end) {
                out.write("line\n");
                out.flush();
                try {
                    Thread.sleep(100);
                } catch (InterruptedException ignored) {
                    // deliberately deaf to interruption
                }
            }
        }
    }
}
