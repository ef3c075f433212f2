package io.cascata.core.settings;

import io.cascata.core.targets.Workspace;
import java.time.Duration;
import java.util.Optional;

/**
 * The settings of core: the driver, the run lock, the summary and logging. Read from
 * {@code [core]}, each also a command-line option ({@code --workers 4}).
 *
 * @param workers how many tasks run at once
 * @param retryCount how many more times a failed task runs
 * @param retryDelay the wait before a failed task's first retry
 * @param retryBackoff the factor applied to the wait before each further retry
 * @param retryMaxDelay the longest wait before a retry
 * @param taskTimeout how long one attempt of a task may run, when limited
 * @param interruptGrace how long an interrupted or timed-out attempt has to stop
 * @param workspace the root of parameter-aware outputs
 * @param lockDir where run locks live
 * @param noLock whether to run without the run lock
 * @param leaseTtl how long a task lease lives without renewal: how soon a killed driver's tasks are taken over
 * @param leaseWait how long to wait for a task another driver is running before giving up on it
 * @param summaryJson where to write the summary as JSON
 * @param logLevel how much to log; when absent, as the logging backend is configured (INFO)
 * @param noProgress whether to leave out the live progress line
 * @param defaultTask the family to run when the command line names none
 * @param rerunOnCodeChange whether a task class's bytecode, when it has no {@link io.cascata.core.Version},
 *     counts as its code version, so that changing the code re-runs it and everything downstream
 */
@SettingsSection("core")
public record CoreSettings(
        @Setting(value = "how many tasks run at once", defaultValue = "1", min = 1) int workers,
        @Setting(value = "run a failed task up to N more times", defaultValue = "0", min = 0) int retryCount,
        @Setting(value = "wait this long before a failed task's first retry", defaultValue = "0s") Duration retryDelay,
        @Setting(value = "multiply the wait by this before each further retry", defaultValue = "2", min = 1,
                label = "FACTOR") double retryBackoff,
        @Setting(value = "never wait longer than this before a retry", defaultValue = "1h") Duration retryMaxDelay,
        @Setting(value = "stop a task attempt that runs longer than this (default: no limit)")
        Optional<Duration> taskTimeout,
        @Setting(value = "how long interrupted or timed-out tasks have to stop before the driver goes on without them",
                defaultValue = "10s") Duration interruptGrace,
        @Setting(value = "root of parameter-aware outputs", defaultValue = Workspace.DEFAULT_ROOT, label = "DIR")
        String workspace,
        @Setting(value = "where run locks live (default: cascata-locks in the system temp directory)", label = "DIR")
        Optional<String> lockDir,
        @Setting("do not take the run lock") boolean noLock,
        @Setting(value = "how soon a task whose driver died or froze is taken over (leases on HDFS)", defaultValue = "60s")
        Duration leaseTtl,
        @Setting(value = "how long to wait for a task another driver is running", defaultValue = "1h")
        Duration leaseWait,
        @Setting(value = "also write the summary as JSON to PATH", label = "PATH") Optional<String> summaryJson,
        @Setting(value = "DEBUG, INFO (default), WARNING or ERROR; above INFO also hides the summary", label = "LEVEL")
        Optional<LogLevel> logLevel,
        @Setting("no live progress line, even on a terminal") boolean noProgress,
        @Setting(value = "the task family to run when the command line names none", commandLine = false)
        Optional<String> defaultTask,
        @Setting("re-run a task with workspace outputs, and everything downstream, when its class's bytecode changes")
        boolean rerunOnCodeChange) {

    public CoreSettings {
        requireNotNegative("retry-delay", retryDelay);
        requireNotNegative("retry-max-delay", retryMaxDelay);
        requireNotNegative("interrupt-grace", interruptGrace);
        if (taskTimeout.isPresent() && (taskTimeout.get().isNegative() || taskTimeout.get().isZero())) {
            throw new IllegalArgumentException("key 'task-timeout': must be longer than 0, got " + taskTimeout.get());
        }
        if (Double.isNaN(retryBackoff) || Double.isInfinite(retryBackoff)) {
            throw new IllegalArgumentException("key 'retry-backoff': must be a number of at least 1, got " + retryBackoff);
        }
        if (leaseTtl.compareTo(Duration.ofMillis(100)) < 0) {
            throw new IllegalArgumentException("key 'lease-ttl': must be at least 100ms, got " + leaseTtl);
        }
        requireNotNegative("lease-wait", leaseWait);
    }

    private static void requireNotNegative(String key, Duration value) {
        if (value.isNegative()) {
            throw new IllegalArgumentException("key '" + key + "': must not be negative, got " + value);
        }
    }

    /** Whether the Execution Summary is printed: at INFO (the default) and below. */
    public boolean showsSummary() {
        return logLevel.map(LogLevel::showsSummary).orElse(true);
    }

    /**
     * The lock directory in force: {@link #lockDir()} as given, else this user's own
     * {@code cascata-locks-USER} in {@code $TMPDIR}, else in {@code java.io.tmpdir}. One directory
     * per user, so that no user's run depends on another user's permissions; runs of different
     * users on the same tasks are kept apart by task leases instead.
     *
     * @param environment the process environment ({@code TMPDIR}, {@code USER})
     */
    public String lockDirectory(java.util.function.Function<String, String> environment) {
        if (lockDir.isPresent()) {
            return lockDir.get();
        }
        String tmp = environment.apply("TMPDIR");
        if (tmp == null || tmp.isBlank()) {
            tmp = System.getProperty("java.io.tmpdir");
        }
        String user = System.getProperty("user.name", "user").replaceAll("[^A-Za-z0-9._-]", "_");
        return java.nio.file.Path.of(tmp, "cascata-locks-" + user).toString();
    }
}
