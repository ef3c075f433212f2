package io.cascata.examples.topwords;

import io.cascata.core.Param;
import io.cascata.core.Task;
import io.cascata.core.targets.DirectoryTarget;
import io.cascata.core.targets.FileTarget;
import io.cascata.core.targets.Targets;
import java.io.Writer;
import java.util.ArrayList;
import java.util.List;

/**
 * The main example: a heavy word count (CountWords, a Beam stage on Flink), a light top-N stage
 * (TopN, on the DirectRunner) and this plain task, which writes the report: one
 * {@code word<TAB>count} line per word, the {@code top} most frequent, most frequent first, ties
 * in alphabetical order.
 */
public record TopWords(@Param(name = "input", value = "path of the text to count") String inputPath,
        @Param(name = "output", value = "path of the report to write") String reportPath,
        @Param(value = "how many words to report", defaultValue = "10") int top) implements Task {

    public TopWords {
        // Checked here as well as in TopN, so that a bad --top is refused before anything runs.
        if (top < 1) {
            throw new IllegalArgumentException("top must be at least 1, got " + top);
        }
    }

    @Override
    public TopN requires() {
        return new TopN(inputPath, top);
    }

    @Override
    public FileTarget output() {
        return Targets.file(reportPath);
    }

    @Override
    public void run() throws Exception {
        DirectoryTarget best = input();
        List<WordCount> counts = new ArrayList<>();
        for (FileTarget file : best.files()) {
            for (String line : file.readLines()) {
                if (!line.isEmpty()) {
                    counts.add(WordCount.parse(line));
                }
            }
        }
        counts.sort(WordCount.REPORT_ORDER);
        try (Writer w = output().openWriter()) {
            for (WordCount c : counts.subList(0, Math.min(top, counts.size()))) {
                w.write(c.line());
                w.write('\n');
            }
        }
    }
}
