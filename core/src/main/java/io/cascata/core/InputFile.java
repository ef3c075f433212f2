package io.cascata.core;

import io.cascata.core.targets.FileTarget;
import io.cascata.core.targets.Targets;

/**
 * One file made outside the pipeline, on any file system ({@code data/in.txt},
 * {@code hdfs://nn:8020/in.txt}, {@code s3a://bucket/in.txt}): the usual first requirement of a
 * pipeline. It is complete when the file exists; when it does not, the run reports a missing
 * external dependency (exit 20) and runs nothing that needs it.
 *
 * @param path the file's location
 */
public record InputFile(@Param("location of the input file") String path) implements ExternalTask {

    @Override
    public FileTarget output() {
        return Targets.file(path);
    }
}
