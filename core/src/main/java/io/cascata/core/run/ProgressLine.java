package io.cascata.core.run;

import java.io.PrintStream;
import java.util.function.IntSupplier;

/**
 * A live "done / running / total" line on a terminal, redrawn in place about once a second.
 * Drawn only when the program is on a terminal, which the driver's caller knows.
 */
final class ProgressLine implements AutoCloseable {

    private final Thread thread;
    private final PrintStream out;
    private volatile boolean stop;
    private boolean printed;

    ProgressLine(PrintStream out, int total, IntSupplier done, IntSupplier running) {
        this.out = out;
        this.thread = new Thread(() -> {
            while (!stop) {
                try {
                    Thread.sleep(1000);
                } catch (InterruptedException e) {
                    return;
                }
                if (!stop) {
                    draw(total, done.getAsInt(), running.getAsInt());
                }
            }
        }, "cascata-progress");
        thread.setDaemon(true);
        thread.start();
    }

    private synchronized void draw(int total, int done, int running) {
        out.print("\r[cascata] " + done + " / " + total + " tasks done, " + running + " running   ");
        out.flush();
        printed = true;
    }

    @Override
    public void close() {
        stop = true;
        thread.interrupt();
        try {
            thread.join(2000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        synchronized (this) {
            if (printed) {
                out.print("\r\033[K");
                out.flush();
            }
        }
    }
}
