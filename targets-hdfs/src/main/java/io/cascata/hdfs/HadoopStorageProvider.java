package io.cascata.hdfs;

import io.cascata.core.targets.Storage;
import io.cascata.core.targets.StorageProvider;
import java.util.Optional;

/**
 * Serves every scheme Hadoop has a file system for, with the Hadoop configuration of the
 * settings in force ({@link HdfsConfig}).
 */
public final class HadoopStorageProvider implements StorageProvider {

    @Override
    public Optional<Storage> forLocation(String scheme, String location) {
        var conf = HdfsConfig.current();
        return HadoopStorage.serves(scheme, conf) ? Optional.of(HadoopStorage.of(conf, location)) : Optional.empty();
    }
}
