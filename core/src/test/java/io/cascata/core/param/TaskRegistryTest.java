package io.cascata.core.param;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URL;
import java.net.URLClassLoader;
import org.junit.jupiter.api.Test;

/** What a program without a task index says: not an empty list of families, but what to check. */
class TaskRegistryTest {

    @Test
    void aClassPathWithoutTaskIndexSaysToCheckTheAnnotationProcessor() throws Exception {
        try (URLClassLoader empty = new URLClassLoader(new URL[0], null)) {
            TaskRegistry registry = TaskRegistry.load(empty);
            ParameterException e = assertThrows(ParameterException.class, () -> registry.resolve("Hello"));
            assertTrue(e.getMessage().startsWith("unknown task family 'Hello': no task index (META-INF/cascata/tasks)"),
                    e.getMessage());
            assertTrue(e.getMessage().contains("annotation processor") && e.getMessage().contains("-proc:full"),
                    e.getMessage());
        }
    }
}
