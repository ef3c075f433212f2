package io.cascata.examples.outputs;

import io.cascata.core.Task;
import io.cascata.core.targets.LocalTarget;
import java.util.List;

/** Reads OutputGZip's lines back and prints them. Never complete, so it runs every time. */
public record ReadGZip() implements Task {

    @Override
    public OutputGZip requires() {
        return new OutputGZip();
    }

    @Override
    public boolean complete() {
        return false;
    }

    @Override
    public void run() throws Exception {
        LocalTarget in = input();
        List<String> lines = in.readLines().stream().map(String::strip).toList();
        System.out.println(lines);
    }
}
