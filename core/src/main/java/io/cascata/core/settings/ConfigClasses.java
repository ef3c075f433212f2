package io.cascata.core.settings;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.List;

/**
 * A pipeline's own config classes (Luigi's {@code Config}): records annotated
 * {@link SettingsSection} that the annotation processor found where the pipeline's tasks were
 * compiled and listed in {@value #INDEX}. They are settings like those of Cascata's modules:
 * read from their section and from the command line, checked before anything runs, and read in
 * a task with {@link Settings#current(Class)}. They are not tasks, so no family lists them.
 */
final class ConfigClasses {

    /** The index resource the annotation processor writes, one class name a line. */
    static final String INDEX = "META-INF/cascata/settings";

    private ConfigClasses() {
    }

    /** Every indexed config class the class loader can load. */
    static List<Class<? extends Record>> load(ClassLoader loader) {
        List<Class<? extends Record>> types = new ArrayList<>();
        try {
            Enumeration<URL> indexes = loader.getResources(INDEX);
            while (indexes.hasMoreElements()) {
                try (BufferedReader in = new BufferedReader(new InputStreamReader(indexes.nextElement().openStream(),
                        StandardCharsets.UTF_8))) {
                    String line;
                    while ((line = in.readLine()) != null) {
                        line = line.trim();
                        if (line.isEmpty() || line.startsWith("#")) {
                            continue;
                        }
                        try {
                            Class<?> type = Class.forName(line, false, loader);
                            if (type.isRecord() && type.isAnnotationPresent(SettingsSection.class) && !types.contains(type)) {
                                types.add(type.asSubclass(Record.class));
                            }
                        } catch (ClassNotFoundException | LinkageError e) {
                            // An index line for a class that is not on this class path: another build's leftover.
                        }
                    }
                }
            }
        } catch (IOException e) {
            throw new IllegalStateException("cannot read the config class index " + INDEX, e);
        }
        return types;
    }
}
