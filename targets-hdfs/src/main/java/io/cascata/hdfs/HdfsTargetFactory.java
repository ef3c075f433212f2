package io.cascata.hdfs;

import io.cascata.core.targets.DirectoryTarget;
import io.cascata.core.targets.FileTarget;
import io.cascata.core.targets.Format;
import io.cascata.core.targets.TargetFactory;

/** Makes HdfsTargets for {@code hdfs://}, {@code viewfs://} and {@code webhdfs://} locations. */
public final class HdfsTargetFactory implements TargetFactory {

    @Override
    public boolean handles(String location) {
        return location.startsWith("hdfs://") || location.startsWith("viewfs://") || location.startsWith("webhdfs://");
    }

    @Override
    public FileTarget file(String location, Format format) {
        return HdfsTarget.of(location, format);
    }

    @Override
    public DirectoryTarget directory(String location) {
        return HdfsDirectoryTarget.of(location);
    }
}
