package io.cascata.core.run;

import io.cascata.core.RetryPolicy;
import io.cascata.core.Task;
import java.time.Duration;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A run's rules for attempts: the retry policy and task timeout every task starts from (each
 * task may change its own, see {@link Task#retryPolicy} and {@link Task#timeout}), and how long a
 * stopped attempt has to end before the driver gives up waiting for it.
 *
 * @param retry the run's retry policy
 * @param taskTimeout the run's timeout for one attempt of any task, when set
 * @param interruptGrace how long an interrupted or timed-out attempt has to stop
 */
record RunPolicy(RetryPolicy retry, Optional<Duration> taskTimeout, Duration interruptGrace) {

    private static final Logger LOG = LoggerFactory.getLogger(RunPolicy.class);

    /** The policy in force for a task: its own adjustment of the run's, or the run's when it has none or fails. */
    RetryPolicy retryPolicyOf(Task task) {
        try {
            RetryPolicy own = task.retryPolicy(retry);
            return own == null ? retry : own;
        } catch (RuntimeException e) {
            LOG.warn("{}: retryPolicy() threw; the run's retry policy applies", task.id().display(), e);
            return retry;
        }
    }

    /** The timeout of one attempt of a task: its own, else the run's; empty for none. Throws what the task's method throws. */
    Optional<Duration> timeoutOf(Task task) {
        Optional<Duration> own = task.timeout();
        Optional<Duration> chosen = own == null || own.isEmpty() ? taskTimeout : own;
        if (chosen.isPresent() && (chosen.get().isNegative() || chosen.get().isZero())) {
            throw new IllegalArgumentException("the timeout must be positive, got " + chosen.get());
        }
        return chosen;
    }
}
