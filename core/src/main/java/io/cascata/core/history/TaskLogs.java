package io.cascata.core.history;

import io.cascata.core.TaskId;

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
     * The name of a task's log file: family and parameter hash, both cached in the id, so that
     * naming it costs nothing on a big graph.
     */
    public static String fileName(TaskId id) {
        return id.family() + "_" + id.hash() + ".log";
    }

    /** The same name from a task id's text ({@link TaskId#value()}, which ends with the hash). */
    static String fileName(String family, String idValue) {
        return family + "_" + idValue.substring(Math.max(0, idValue.length() - 10)) + ".log";
    }
}
