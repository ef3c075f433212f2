package io.cascata.core;

import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * When a failed task runs again: how many more times, how long the driver waits before each
 * retry (a first delay multiplied by {@code backoff} at every further retry, never more than
 * {@code maxDelay}), and which failures are not worth another attempt.
 *
 * <p>The driver builds one from {@code [core] retry-count}, {@code retry-delay},
 * {@code retry-backoff} and {@code retry-max-delay}; a task adjusts it in
 * {@link Task#retryPolicy(RetryPolicy)}:
 *
 * <pre>{@code
 * public RetryPolicy retryPolicy(RetryPolicy configured) {
 *     return configured.withRetries(5).withDelay(Duration.ofSeconds(2)).notRetryingOn(IllegalArgumentException.class);
 * }
 * }</pre>
 *
 * @param retries how many times a failed task runs again after its first attempt
 * @param delay the wait before the first retry
 * @param backoff the factor applied to the wait at each further retry (1 for a fixed delay)
 * @param maxDelay the longest wait between two attempts
 * @param noRetryOn failures (by type, matched against the exception and its causes) that end the task at once
 */
public record RetryPolicy(int retries, Duration delay, double backoff, Duration maxDelay,
        Set<Class<? extends Throwable>> noRetryOn) {

    /** No retry: the driver's default. */
    public static final RetryPolicy NONE = new RetryPolicy(0, Duration.ZERO, 2, Duration.ofHours(1), Set.of());

    public RetryPolicy {
        if (retries < 0) {
            throw new IllegalArgumentException("retries must be 0 or more, got " + retries);
        }
        if (delay.isNegative()) {
            throw new IllegalArgumentException("the retry delay must not be negative, got " + delay);
        }
        if (!(backoff >= 1) || Double.isInfinite(backoff)) {
            throw new IllegalArgumentException("the retry backoff must be a number of at least 1, got " + backoff);
        }
        if (maxDelay.isNegative()) {
            throw new IllegalArgumentException("the longest retry delay must not be negative, got " + maxDelay);
        }
        noRetryOn = Set.copyOf(noRetryOn);
    }

    /** This policy with another number of retries. */
    public RetryPolicy withRetries(int retries) {
        return new RetryPolicy(retries, delay, backoff, maxDelay, noRetryOn);
    }

    /** This policy with another first delay. */
    public RetryPolicy withDelay(Duration delay) {
        return new RetryPolicy(retries, delay, backoff, maxDelay, noRetryOn);
    }

    /** This policy with another backoff factor (1 for the same delay before every retry). */
    public RetryPolicy withBackoff(double backoff) {
        return new RetryPolicy(retries, delay, backoff, maxDelay, noRetryOn);
    }

    /** This policy with another longest delay. */
    public RetryPolicy withMaxDelay(Duration maxDelay) {
        return new RetryPolicy(retries, delay, backoff, maxDelay, noRetryOn);
    }

    /** This policy, also ending the task at once on failures of these types (or caused by them). */
    @SafeVarargs
    public final RetryPolicy notRetryingOn(Class<? extends Throwable>... types) {
        Set<Class<? extends Throwable>> all = new HashSet<>(noRetryOn);
        all.addAll(List.of(types));
        return new RetryPolicy(retries, delay, backoff, maxDelay, all);
    }

    /**
     * How long to wait before retry number {@code retry} (1 for the first retry):
     * {@code delay × backoff^(retry - 1)}, at most {@code maxDelay}.
     */
    public Duration delayBefore(int retry) {
        if (retry < 1) {
            throw new IllegalArgumentException("retries are counted from 1, got " + retry);
        }
        // In doubles: a long delay times a large power must saturate at maxDelay, not overflow.
        double seconds = (delay.getSeconds() + delay.getNano() / 1e9) * Math.pow(backoff, retry - 1);
        double max = maxDelay.getSeconds() + maxDelay.getNano() / 1e9;
        return seconds >= max ? maxDelay : Duration.ofNanos(Math.round(seconds * 1e9));
    }

    /** Whether a failure is one this policy never retries: its type, or a cause's, is in {@link #noRetryOn}. */
    public boolean isFinal(Throwable failure) {
        Set<Throwable> seen = new HashSet<>();
        for (Throwable t = failure; t != null && seen.add(t); t = t.getCause()) {
            for (Class<? extends Throwable> type : noRetryOn) {
                if (type.isInstance(t)) {
                    return true;
                }
            }
        }
        return false;
    }
}
