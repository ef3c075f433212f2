package io.cascata.examples.passparameter;

import io.cascata.core.Param;
import io.cascata.core.Task;
import io.cascata.core.targets.LocalTarget;
import java.io.BufferedReader;
import java.io.Writer;

/** Passes its parameter on to OutputParameter and writes that output with "!!" added. */
public record AddExclamationMark(@Param("text to write") String param) implements Task {

    @Override
    public OutputParameter requires() {
        return new OutputParameter(param);
    }

    @Override
    public LocalTarget output() {
        return LocalTarget.of("output/pass_parameter!!.txt");
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
