package io.cascata.examples.dynamic;

import io.cascata.core.Param;
import io.cascata.core.Task;
import io.cascata.core.run.ExecutionContext;
import io.cascata.core.targets.LocalTarget;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/**
 * A report of the words in each file of a directory, whose files are known only when it runs:
 * it lists the directory, requires one {@link CountFileWords} per file while running, and goes
 * on with their outputs (Luigi's {@code yield} from {@code run()}).
 */
public record WordsPerFile(@Param("the directory whose files to count") String in,
        @Param(value = "output directory", defaultValue = "output/words-per-file") String out) implements Task {

    @Override
    public LocalTarget output() {
        return LocalTarget.of(out + "/report.txt");
    }

    @Override
    public void run(ExecutionContext context) throws Exception {
        List<CountFileWords> counts;
        try (Stream<Path> files = Files.list(Path.of(in))) {
            counts = files.filter(Files::isRegularFile).sorted()
                    .map(f -> new CountFileWords(f.toString(), out)).toList();
        }
        // Waits here without holding a worker; the counts run on the workers meanwhile.
        List<LocalTarget> results = context.require(counts);
        StringBuilder report = new StringBuilder();
        for (int i = 0; i < counts.size(); i++) {
            report.append(Path.of(counts.get(i).file()).getFileName()).append(' ')
                    .append(results.get(i).readText().trim()).append('\n');
        }
        output().writeText(report.toString());
    }
}
