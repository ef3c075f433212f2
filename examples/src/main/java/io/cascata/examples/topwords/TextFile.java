package io.cascata.examples.topwords;

import io.cascata.core.ExternalTask;
import io.cascata.core.Param;
import io.cascata.core.targets.FileTarget;
import io.cascata.core.targets.Targets;

/** A text file made outside the pipeline, local or on HDFS: TopWords's input. */
public record TextFile(@Param("path of the text file") String path) implements ExternalTask {

    @Override
    public FileTarget output() {
        return Targets.file(path);
    }
}
