package io.cascata.core.run;

import io.cascata.core.config.CascataConfig;

/**
 * The process exit codes, Luigi's {@code [retcode]} keys. Cascata's defaults are non-zero so a
 * failed pipeline fails its shell; the highest code that applies wins, and 0 means all done.
 *
 * @param alreadyRunning another process holds the run's lock
 * @param missingData an external dependency is missing
 * @param notRun tasks were not run for another reason
 * @param taskFailed a task failed
 * @param schedulingError requires() or complete() threw, or a cycle
 * @param unhandledException the driver itself failed
 */
public record RetCodes(int alreadyRunning, int missingData, int notRun, int taskFailed, int schedulingError,
        int unhandledException) {

    /** The exit code of a bad command line or config. */
    public static final int USAGE = 2;

    /** already_running=10, missing_data=20, not_run=25, task_failed=30, scheduling_error=35, unhandled_exception=40. */
    public static RetCodes defaults() {
        return new RetCodes(10, 20, 25, 30, 35, 40);
    }

    /** The defaults overridden by the config's {@code [retcode]} section. */
    public static RetCodes from(CascataConfig config) {
        RetCodes d = defaults();
        return new RetCodes(
                config.getInt("retcode", "already_running", d.alreadyRunning),
                config.getInt("retcode", "missing_data", d.missingData),
                config.getInt("retcode", "not_run", d.notRun),
                config.getInt("retcode", "task_failed", d.taskFailed),
                config.getInt("retcode", "scheduling_error", d.schedulingError),
                config.getInt("retcode", "unhandled_exception", d.unhandledException));
    }

    /** The highest code that applies to a run; 0 when nothing does. */
    public int exitCode(RunResult result) {
        int code = 0;
        if (result.unhandledError().isPresent()) {
            code = Math.max(code, unhandledException);
        }
        if (result.any(TaskState.RUN_BY_OTHER_WORKER)) {
            code = Math.max(code, alreadyRunning);
        }
        if (result.any(TaskState.MISSING_EXTERNAL)) {
            code = Math.max(code, missingData);
        }
        if (result.any(TaskState.FAILED)) {
            code = Math.max(code, taskFailed);
        }
        if (result.any(TaskState.SCHEDULING_FAILED)) {
            code = Math.max(code, schedulingError);
        }
        if (code == 0 && result.any(TaskState.PENDING)) {
            code = Math.max(code, notRun);
        }
        return code;
    }
}
