package io.cascata.examples.ensemble;

import com.fasterxml.jackson.core.type.TypeReference;
import io.cascata.core.Param;
import io.cascata.core.Task;
import io.cascata.core.targets.FileTarget;
import io.cascata.core.targets.Targets;
import java.io.Writer;
import java.util.List;
import java.util.Locale;

/**
 * The ensemble example's report, the job that {@code java -jar pipeline.jar} runs by default: a
 * heavy feature preparation, three models trained in parallel (naive Bayes as a heavy Beam
 * stage, logistic regression and nearest centroid in the driver), their combination, and each
 * model's accuracy and log loss on held-out rows, written to {@code output/score_report.txt}.
 */
public record ScoreReport(@Param(value = "number of rows", defaultValue = "20000") int rows,
        @Param(value = "random seed", defaultValue = "17") long seed,
        @Param(name = "output", value = "where to write the report", defaultValue = "output/score_report.txt")
        String reportPath) implements Task {

    @Override
    public CombineModels requires() {
        return new CombineModels(rows, seed);
    }

    @Override
    public FileTarget output() {
        return Targets.file(reportPath);
    }

    @Override
    public void run() throws Exception {
        FileTarget scores = input();
        List<Score> all = scores.readObject(new TypeReference<List<Score>>() { });
        try (Writer out = output().openWriter()) {
            out.write(String.format(Locale.ROOT, "%-22s %9s %9s%n", "model", "accuracy", "log loss"));
            for (Score s : all) {
                out.write(String.format(Locale.ROOT, "%-22s %9.4f %9.4f%n", s.model(), s.accuracy(), s.logLoss()));
            }
            out.write(String.format(Locale.ROOT, "held-out rows: %d of %d, seed %d%n", all.get(0).rows(), rows, seed));
        }
    }
}
