package io.cascata.core;

import io.cascata.core.targets.DirectoryTarget;
import io.cascata.core.targets.Targets;

/**
 * A directory of files made outside the pipeline, on any file system. It counts as complete the
 * way every {@link DirectoryTarget} does: its {@code _SUCCESS} marker lists its files and each is
 * there at its size, so a producer still writing it is never read half-done. Its data files are
 * {@code output().files()}; a Beam stage reads them all with {@code stage.readText(input())}.
 *
 * @param path the directory's location
 */
public record InputDirectory(@Param("location of the input directory") String path) implements ExternalTask {

    @Override
    public DirectoryTarget output() {
        return Targets.directory(path);
    }
}
