package io.cascata.hdfs;

import io.cascata.core.target.DirectoryTarget;
import io.cascata.core.target.FileTarget;
import io.cascata.core.target.Format;
import io.cascata.core.target.TargetFactory;

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
