package io.cascata.examples.reliability;

import io.cascata.core.Param;
import io.cascata.core.RetryPolicy;
import io.cascata.core.Task;
import io.cascata.core.targets.LocalTarget;
import java.io.FileNotFoundException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;

/**
 * A source that is not ready at first, as a remote export often is: its first {@code failures}
 * attempts fail with an IOException, the next one writes output/flaky_source.txt. Every attempt
 * adds its start time to output/flaky_source.attempts, which shows the waits between retries.
 * It asks for three retries whatever the run's retry count is, and none after a
 * FileNotFoundException, which waiting does not cure.
 */
public record FlakySource(@Param(value = "how many attempts fail", defaultValue = "2") int failures) implements Task {

    @Override
    public LocalTarget output() {
        return LocalTarget.of("output/flaky_source.txt");
    }

    @Override
    public RetryPolicy retryPolicy(RetryPolicy configured) {
        return configured.withRetries(Math.max(configured.retries(), 3)).notRetryingOn(FileNotFoundException.class);
    }

    @Override
    public void run() throws IOException {
        Path attempts = Path.of("output/flaky_source.attempts");
        Files.createDirectories(attempts.getParent());
        Files.writeString(attempts, Instant.now() + "\n", StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        long attempt = Files.readAllLines(attempts).size();
        if (attempt <= failures) {
            throw new IOException("the source is not ready yet (attempt " + attempt + ")");
        }
        output().writeText("exported after " + attempt + " attempts\n");
    }
}
