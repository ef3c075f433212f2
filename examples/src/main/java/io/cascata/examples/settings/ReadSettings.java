package io.cascata.examples.settings;

import io.cascata.core.Param;
import io.cascata.core.Task;
import io.cascata.core.targets.LocalTarget;

/**
 * The tutorial's read_settings example: its parameter usually comes from the config file
 * ({@code [ReadSettings] param=%(PARAM_TEST)s} reads an environment variable); writes it to
 * output/read_settings.txt.
 */
public record ReadSettings(@Param("text to write, usually from [ReadSettings] in the config") String param)
        implements Task {

    @Override
    public LocalTarget output() {
        return LocalTarget.of("output/read_settings.txt");
    }

    @Override
    public void run() throws Exception {
        output().writeText(param);
    }
}
