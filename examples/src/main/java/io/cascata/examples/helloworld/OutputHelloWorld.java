package io.cascata.examples.helloworld;

import io.cascata.core.Task;
import io.cascata.core.targets.LocalTarget;
import java.io.Writer;

/** The tutorial's first task: writes "Hello world" to output/hello_world.txt. */
public record OutputHelloWorld() implements Task {

    @Override
    public LocalTarget output() {
        return LocalTarget.of("output/hello_world.txt");
    }

    @Override
    public void run() throws Exception {
        try (Writer w = output().openWriter()) {
            w.write("Hello world");
        }
    }
}
