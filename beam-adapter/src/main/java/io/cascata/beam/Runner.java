package io.cascata.beam;

import io.cascata.core.settings.Choice;
import java.util.List;

/** The Beam runners a stage can run on, written as Beam users write them ({@code FlinkRunner} or {@code flink}). */
public enum Runner implements Choice {
    /** Beam's DirectRunner, inside the driver: for small data. */
    DIRECT("DirectRunner", "direct"),
    /** Beam's FlinkRunner, on an embedded Flink or a session cluster. */
    FLINK("FlinkRunner", "flink");

    private final List<String> spellings;

    Runner(String... spellings) {
        this.spellings = List.of(spellings);
    }

    @Override
    public List<String> spellings() {
        return spellings;
    }

    /** The runner's Beam name, {@code DirectRunner} or {@code FlinkRunner}. */
    public String beamName() {
        return spellings.get(0);
    }
}
