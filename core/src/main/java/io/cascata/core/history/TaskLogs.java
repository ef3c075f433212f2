package io.cascata.core.history;

/**
 * How a task's own log lines reach a file of their own: while a task attempt runs on a worker
 * thread, the logging context (SLF4J's MDC) of that thread holds {@link #MDC_KEY}, the local
 * path of the task's log file. A logging backend that routes by it (in log4j 2, a Routing
 * appender over {@code ${ctx:cascata.taskLog}}, as pipeline.jar's configuration does) appends
 * the line there; the history then keeps the file. Core itself depends on no backend.
 */
public final class TaskLogs {

    /** The MDC key whose value is the current task's log file. */
    public static final String MDC_KEY = "cascata.taskLog";

    private TaskLogs() {
    }

    /**
     * The name of a task's log file in a run: its family and its number in the run
     * ({@link io.cascata.core.run.TaskEvent#number()}), which the driver has at hand; naming it
     * by the id's hash cost a big graph's run a hash per task on the worker threads.
     */
    public static String fileName(String family, int number) {
        return family + "-" + number + ".log";
    }

    /**
     * The name runs recorded before history format 2 gave a task's log file: family and the
     * hash that ends the task's id text ({@link io.cascata.core.TaskId#value()}).
     */
    static String hashedFileName(String family, String idValue) {
        return family + "_" + idValue.substring(Math.max(0, idValue.length() - 10)) + ".log";
    }
}
