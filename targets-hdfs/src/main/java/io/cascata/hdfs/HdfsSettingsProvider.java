package io.cascata.hdfs;

import io.cascata.core.settings.SettingsProvider;
import java.util.List;

/** The settings group of HDFS: {@code [hdfs]}. */
public final class HdfsSettingsProvider implements SettingsProvider {

    @Override
    public List<Class<? extends Record>> settings() {
        return List.of(HdfsSettings.class);
    }
}
