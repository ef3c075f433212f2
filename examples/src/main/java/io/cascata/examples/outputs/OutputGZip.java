package io.cascata.examples.outputs;

import io.cascata.core.Task;
import io.cascata.core.targets.Format;
import io.cascata.core.targets.LocalTarget;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;

/** Writes "Hello world" gzip-compressed to output/hello_world.gz. */
public record OutputGZip() implements Task {

    @Override
    public LocalTarget output() {
        return LocalTarget.of("output/hello_world.gz", Format.GZIP);
    }

    @Override
    public void run() throws Exception {
        try (OutputStream out = output().openOutputStream()) {
            out.write("Hello world".getBytes(StandardCharsets.UTF_8));
        }
    }
}
