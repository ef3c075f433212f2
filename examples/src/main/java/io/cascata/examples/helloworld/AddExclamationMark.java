package io.cascata.examples.helloworld;

import io.cascata.core.Task;
import io.cascata.core.targets.LocalTarget;
import java.io.BufferedReader;
import java.io.Writer;

/** Reads OutputHelloWorld's file and writes it with "!!" added to output/hello_world!!.txt. */
public record AddExclamationMark() implements Task {

    @Override
    public OutputHelloWorld requires() {
        return new OutputHelloWorld();
    }

    @Override
    public LocalTarget output() {
        return LocalTarget.of("output/hello_world!!.txt");
    }

    @Override
    public void run() throws Exception {
        LocalTarget in = input();
        String first;
        try (BufferedReader r = in.openReader()) {
            first = r.readLine();
        }
        try (Writer w = output().openWriter()) {
            w.write(first + "!!");
        }
    }
}
