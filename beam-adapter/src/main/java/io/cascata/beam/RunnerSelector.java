package io.cascata.beam;

import io.cascata.core.Shapes;
import io.cascata.core.config.CascataConfig;
import io.cascata.core.settings.Settings;
import io.cascata.core.targets.DirectoryTarget;
import io.cascata.core.targets.FileTarget;
import io.cascata.core.targets.StorageEntry;
import io.cascata.core.targets.Target;
import java.io.IOException;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Picks each stage's runner, first rule that applies: the family's own runner ({@code [Family]
 * runner} or {@code --Family-runner}), then the runner for every stage ({@code [beam] runner} or
 * {@code --runner}), then the stage's weight; AUTO compares the total size of the stage's inputs
 * with {@link BeamSettings#autoThresholdMb()}: below it the DirectRunner.
 */
final class RunnerSelector {

    private RunnerSelector() {
    }

    static RunnerChoice choose(BeamStage stage, CascataConfig config) throws IOException {
        Optional<RunnerChoice> ahead = chooseAhead(stage, config);
        if (ahead.isPresent()) {
            return ahead.get();
        }
        return byInputSize(stage, config, Settings.read(BeamSettings.class, config).autoThresholdMb());
    }

    /**
     * The choice as far as it can be made before the stage's inputs exist: empty for an AUTO
     * stage that no runner setting decides, whose runner depends on the size of its inputs.
     */
    static Optional<RunnerChoice> chooseAhead(BeamStage stage, CascataConfig config) {
        BeamSettings global = Settings.read(BeamSettings.class, config);
        Optional<Runner> own = Settings.read(BeamSettings.class, config, stage.family()).runner();
        if (own.isPresent() && !own.equals(global.runner())) {
            return Optional.of(new RunnerChoice(own.get(), "runner set for " + stage.family()));
        }
        if (global.runner().isPresent()) {
            return Optional.of(new RunnerChoice(global.runner().get(), "--runner=" + global.runner().get().beamName()));
        }
        return switch (stage.weight()) {
            case LIGHT -> Optional.of(new RunnerChoice(Runner.DIRECT, "weight LIGHT"));
            case HEAVY -> Optional.of(new RunnerChoice(Runner.FLINK, "weight HEAVY"));
            case AUTO -> Optional.empty();
        };
    }

    private static RunnerChoice byInputSize(BeamStage stage, CascataConfig config, long thresholdMb) throws IOException {
        long bytes = inputBytes(Shapes.targets(stage.input()));
        String size = String.format(Locale.ROOT, "%.1f MB", bytes / 1e6);
        if (bytes < thresholdMb * 1_000_000L) {
            return new RunnerChoice(Runner.DIRECT, "weight AUTO: inputs " + size + " < " + thresholdMb + " MB");
        }
        return new RunnerChoice(Runner.FLINK, "weight AUTO: inputs " + size + " >= " + thresholdMb + " MB");
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
}
