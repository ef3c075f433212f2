package io.cascata.core.targets;

import java.io.IOException;

/**
 * Output written somewhere temporary that becomes visible at its final place only when
 * committed. Aborting removes the temporary data. A file system target implements this once;
 * the driver commits or aborts it with the task attempt that wrote it.
 */
public interface StagedOutput {

    /** Moves the finished data into place, atomically where the file system allows. */
    void commit() throws IOException;

    /** Discards the temporary data; the final place is left as it was. */
    void abort();

    /** The final location, for messages. */
    String location();
}
