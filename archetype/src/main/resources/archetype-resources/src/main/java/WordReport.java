package ${package};

import io.cascata.core.Param;
import io.cascata.core.Task;
import io.cascata.core.targets.DirectoryTarget;
import io.cascata.core.targets.FileTarget;
import io.cascata.core.targets.Targets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * The most frequent words of a text, one {@code word<TAB>count} a line: a plain task that reads
 * what the {@link CountWords} stage wrote. It is the jar's default task
 * ({@code META-INF/cascata/default-task}), so {@code java -jar target/my-pipeline.jar} runs it.
 *
 * @param text the text ({@code --input})
 * @param top how many words to keep
 * @param report where to write the report ({@code --output})
 */
public record WordReport(
        @Param(name = "input", value = "the text to count", defaultValue = "data/words.txt") String text,
        @Param(value = "how many words to keep", defaultValue = "5") int top,
        @Param(name = "output", value = "where to write the report", defaultValue = "output/word-report.txt") String report)
        implements Task {

    @Override
    public CountWords requires() {
        return new CountWords(text);
    }

    @Override
    public FileTarget output() {
        return Targets.file(report);
    }

    @Override
    public void run() throws Exception {
        DirectoryTarget counts = input();
        List<String[]> rows = new ArrayList<>();
        for (FileTarget part : counts.files()) {
            for (String line : part.readLines()) {
                rows.add(line.split("\t"));
            }
        }
        rows.sort(Comparator.<String[]>comparingLong(row -> -Long.parseLong(row[1])).thenComparing(row -> row[0]));
        StringBuilder text = new StringBuilder();
        for (String[] row : rows.subList(0, Math.min(top, rows.size()))) {
            text.append(row[0]).append('\t').append(row[1]).append('\n');
        }
        // Written to a hidden temporary file and renamed into place only when run() succeeds.
        output().writeText(text.toString());
    }
}
