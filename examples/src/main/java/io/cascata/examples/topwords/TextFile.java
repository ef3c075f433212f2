package io.cascata.examples.topwords;

import io.cascata.core.ExternalTask;
import io.cascata.core.Param;
import io.cascata.core.target.LocalTarget;

/** A text file made outside the pipeline: TopWords's input. */
public record TextFile(@Param("path of the text file") String path) implements ExternalTask {

    @Override
    public LocalTarget output() {
        return LocalTarget.of(path);
    }
}
