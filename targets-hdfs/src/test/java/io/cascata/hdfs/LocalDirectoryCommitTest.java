package io.cascata.hdfs;

import io.cascata.core.targets.LocalStorage;
import io.cascata.core.targets.Storage;
import java.nio.file.Path;
import org.junit.jupiter.api.io.TempDir;

/** The directory commit on the local disk. */
class LocalDirectoryCommitTest extends DirectoryCommitContract {

    @TempDir
    static Path base;

    @Override
    Storage storage() {
        return LocalStorage.INSTANCE;
    }

    @Override
    String freshLocation(String name) {
        return base.resolve("out").resolve(unique(name)).toString();
    }
}
