package io.cascata.examples.outputs;

import io.cascata.core.Task;
import io.cascata.core.targets.LocalTarget;
import java.util.Map;

/** The tutorial's pickle example: writes an object ({text: hello world}) as JSON to output/hello_world.json. */
public record OutputObject() implements Task {

    @Override
    public LocalTarget output() {
        return LocalTarget.of("output/hello_world.json");
    }

    @Override
    public void run() throws Exception {
        output().writeObject(Map.of("text", "hello world"));
    }
}
