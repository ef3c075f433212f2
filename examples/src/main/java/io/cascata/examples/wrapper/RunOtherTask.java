package io.cascata.examples.wrapper;

import io.cascata.core.Task;
import io.cascata.core.WrapperTask;
import io.cascata.examples.helloworld.OutputHelloWorld;
import io.cascata.examples.outputs.OutputGZip;
import java.util.List;

/** Runs nothing itself: complete when OutputHelloWorld and OutputGZip are. */
public record RunOtherTask() implements WrapperTask {

    @Override
    public List<Task> requires() {
        return List.of(new OutputHelloWorld(), new OutputGZip());
    }
}
