package io.cascata.core.cli;

import io.cascata.core.Shapes;
import io.cascata.core.Task;
import java.util.Optional;

/**
 * Asks the root task for its outputs before anything runs, so that an output its parameters make
 * impossible (an empty path, say) is a bad command line rather than a failed run. Only the
 * outputs' construction is checked: nothing is read or written.
 */
final class RootOutputCheck {

    private RootOutputCheck() {
    }

    /** What is wrong, in one line naming the task; empty when its outputs can be built. */
    static Optional<String> problem(Task root) {
        try {
            Shapes.targets(root.output());
            return Optional.empty();
        } catch (IllegalArgumentException e) {
            return Optional.of("task " + root.id() + ": its parameters give no usable output: " + e.getMessage());
        } catch (RuntimeException other) {
            // Not about the parameters: the run reports it, as it reports any task whose output() throws.
            return Optional.empty();
        }
    }
}
