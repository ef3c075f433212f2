package io.cascata.beam;

import io.cascata.core.Shapes;
import io.cascata.core.config.CascataConfig;
import io.cascata.core.config.ConfigException;
import io.cascata.core.targets.DirectoryTarget;
import io.cascata.core.targets.FileTarget;
import io.cascata.core.targets.StorageEntry;
import io.cascata.core.targets.Target;
import java.io.IOException;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Picks each stage's runner, first rule that applies: {@code [Family] runner} (or
 * {@code --Family-runner}), then {@code [beam] runner} (or {@code --runner}), then the stage's
 * weight; AUTO compares the total size of the stage's inputs with {@code [beam]
 * auto-threshold-mb} (default {@value #DEFAULT_THRESHOLD_MB} MB): below it the DirectRunner.
 */
final class RunnerSelector {

    static final String SECTION = "beam";
    static final long DEFAULT_THRESHOLD_MB = 1;

    private RunnerSelector() {
    }

    static RunnerChoice choose(BeamStage stage, CascataConfig config) throws IOException {
        Optional<String> forFamily = config.get(stage.family(), "runner");
        if (forFamily.isPresent()) {
            return new RunnerChoice(normalize(forFamily.get(), "[" + stage.family() + "] runner"),
                    "runner set for " + stage.family());
        }
        Optional<String> global = config.get(SECTION, "runner");
        if (global.isPresent()) {
            return new RunnerChoice(normalize(global.get(), "--runner"), "--runner=" + normalize(global.get(), "--runner"));
        }
        return switch (stage.weight()) {
            case LIGHT -> new RunnerChoice(RunnerChoice.DIRECT, "weight LIGHT");
            case HEAVY -> new RunnerChoice(RunnerChoice.FLINK, "weight HEAVY");
            case AUTO -> byInputSize(stage, config);
        };
    }

    private static RunnerChoice byInputSize(BeamStage stage, CascataConfig config) throws IOException {
        long thresholdMb = config.getInt(SECTION, "auto-threshold-mb", (int) DEFAULT_THRESHOLD_MB);
        long bytes = inputBytes(Shapes.targets(stage.input()));
        String size = String.format(Locale.ROOT, "%.1f MB", bytes / 1e6);
        if (bytes < thresholdMb * 1_000_000L) {
            return new RunnerChoice(RunnerChoice.DIRECT, "weight AUTO: inputs " + size + " < " + thresholdMb + " MB");
        }
        return new RunnerChoice(RunnerChoice.FLINK, "weight AUTO: inputs " + size + " >= " + thresholdMb + " MB");
    }

    /** Total bytes of the targets (a directory counts the files its marker lists), through the storage layer. */
    static long inputBytes(List<Target> inputs) throws IOException {
        long total = 0;
        for (Target input : inputs) {
            if (input instanceof DirectoryTarget directory) {
                for (String file : directory.fileLocations()) {
                    total += directory.storage().stat(file).map(StorageEntry::size).orElse(0L);
                }
            } else if (input instanceof FileTarget file) {
                total += file.storage().stat(file.location()).map(StorageEntry::size).orElse(0L);
            }
        }
        return total;
    }

    static String normalize(String runner, String where) {
        String r = runner.trim().toLowerCase(Locale.ROOT);
        if (r.equals("directrunner") || r.equals("direct")) {
            return RunnerChoice.DIRECT;
        }
        if (r.equals("flinkrunner") || r.equals("flink")) {
            return RunnerChoice.FLINK;
        }
        throw new ConfigException(where + ": unknown runner '" + runner + "'; use DirectRunner or FlinkRunner");
    }
}
