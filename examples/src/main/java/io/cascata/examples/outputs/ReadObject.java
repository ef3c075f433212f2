package io.cascata.examples.outputs;

import com.fasterxml.jackson.core.type.TypeReference;
import io.cascata.core.Task;
import io.cascata.core.targets.LocalTarget;
import java.util.Map;

/** Reads OutputObject's object back and prints it. Never complete, so it runs every time. */
public record ReadObject() implements Task {

    @Override
    public OutputObject requires() {
        return new OutputObject();
    }

    @Override
    public boolean complete() {
        return false;
    }

    @Override
    public void run() throws Exception {
        LocalTarget in = input();
        Map<String, Object> result = in.readObject(new TypeReference<>() { });
        System.out.println(result);
    }
}
