package io.cascata.beam;

/** How much work a Beam stage is, which decides the runner it gets unless the user says otherwise. */
public enum Weight {
    /** Small data: the DirectRunner, inside the driver. */
    LIGHT,
    /** Much data: the FlinkRunner, embedded or on a cluster. */
    HEAVY,
    /** Decided per run by the total size of the stage's inputs against a threshold. */
    AUTO
}
