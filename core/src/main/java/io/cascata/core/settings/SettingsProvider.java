package io.cascata.core.settings;

import java.util.List;

/**
 * How a module contributes its settings: it lists its settings records (each annotated with
 * {@link SettingsSection}). Implementations are found with {@link java.util.ServiceLoader}, so a
 * module on the class path adds its options, config keys and checks without core knowing it.
 */
public interface SettingsProvider {

    /** The module's settings records. */
    List<Class<? extends Record>> settings();
}
