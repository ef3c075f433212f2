package io.cascata.ui;

import io.cascata.core.history.RunRecord;
import java.util.List;

/**
 * One run as the page shows it: its record and its tasks at the moment it was read.
 *
 * @param record the run's record (no end while it runs)
 * @param live whether it is the run this process is running
 * @param tasks every task known so far
 */
public record RunView(RunRecord record, boolean live, List<TaskView> tasks) {

    public RunView {
        tasks = List.copyOf(tasks);
    }
}
