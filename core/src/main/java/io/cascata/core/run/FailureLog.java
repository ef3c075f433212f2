package io.cascata.core.run;

import io.cascata.core.config.ConfigException;
import io.cascata.core.param.ParameterException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;

/**
 * How one run logs its failures: one line per failure, always; the stack trace only where it
 * helps. An error of the user's or of the environment (a missing or unreadable file, a full
 * disk, a cluster that does not answer, a rejected parameter, memory running out) is one line,
 * with its trace at DEBUG. Any other error logs its trace with the first failure it causes, and
 * the failures after it that share its cause say so in their one line instead: a disk that fills
 * under two thousand tasks gives two thousand lines, not forty thousand.
 */
final class FailureLog {

    private final Logger log;
    private final Map<String, AtomicInteger> causes = new ConcurrentHashMap<>();

    FailureLog(Logger log) {
        this.log = log;
    }

    /**
     * Logs a failure.
     *
     * @param what what failed, e.g. {@code TopWords(...) failed (attempt 1)}
     * @param error the error
     */
    void failed(String what, Throwable error) {
        String text = ErrorText.of(error);
        String cause = ErrorText.cause(error);
        int seen = causes.computeIfAbsent(cause, c -> new AtomicInteger()).incrementAndGet();
        if (seen > 1) {
            log.error("{}: {} (the same cause as {} failure{} before)", what, text, seen - 1, seen == 2 ? "" : "s");
            log.debug("{}", what, error);
        } else if (isUsersOrEnvironments(error)) {
            log.error("{}: {}", what, text);
            log.debug("{}", what, error);
        } else {
            log.error("{}: {}", what, text, error);
        }
    }

    /** Whether an error is about the input, the settings or the machine, not the code: its trace helps nobody. */
    static boolean isUsersOrEnvironments(Throwable error) {
        for (Throwable t = error; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof IOException || t instanceof UncheckedIOException || t instanceof ParameterException
                    || t instanceof ConfigException || t instanceof OutOfMemoryError) {
                return true;
            }
        }
        return false;
    }
}
