package io.cascata.core.run;

import io.cascata.core.config.CascataConfig;
import io.cascata.core.settings.Setting;
import io.cascata.core.settings.Settings;
import io.cascata.core.settings.SettingsSection;

/**
 * The process exit codes, Luigi's {@code [retcode]} keys. Cascata's defaults are non-zero so a
 * failed pipeline fails its shell; the highest code that applies wins, and 0 means all done.
 * Declared as settings: the config's {@code [retcode]} section overrides the defaults.
 *
 * @param alreadyRunning another process holds the run's lock
 * @param missingData an external dependency is missing
 * @param notRun tasks were not run for another reason
 * @param taskFailed a task failed
 * @param schedulingError requires() or complete() threw, or a cycle
 * @param unhandledException the driver itself failed
 */
@SettingsSection(value = "retcode", commandLine = false)
public record RetCodes(
        @Setting(value = "another process holds the run lock", name = "already_running", defaultValue = "10", min = 0)
        int alreadyRunning,
        @Setting(value = "an external dependency is missing", name = "missing_data", defaultValue = "20", min = 0)
        int missingData,
        @Setting(value = "tasks were left pending for another reason", name = "not_run", defaultValue = "25", min = 0)
        int notRun,
        @Setting(value = "a task failed", name = "task_failed", defaultValue = "30", min = 0)
        int taskFailed,
        @Setting(value = "a requires() or complete() threw, or a dependency cycle", name = "scheduling_error",
                defaultValue = "35", min = 0)
        int schedulingError,
        @Setting(value = "the driver itself failed", name = "unhandled_exception", defaultValue = "40", min = 0)
        int unhandledException) {

    /** The exit code of a bad command line or config. */
    public static final int USAGE = 2;

    /** already_running=10, missing_data=20, not_run=25, task_failed=30, scheduling_error=35, unhandled_exception=40. */
    public static RetCodes defaults() {
        return from(CascataConfig.empty());
    }

    /** The defaults overridden by the config's {@code [retcode]} section. */
    public static RetCodes from(CascataConfig config) {
        return Settings.read(RetCodes.class, config);
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
