package io.cascata.core.summary;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cascata.core.TaskId;
import io.cascata.core.run.FailureReason;
import io.cascata.core.run.PendingReason;
import io.cascata.core.run.RunResult;
import io.cascata.core.run.TaskOutcome;
import io.cascata.core.run.TaskState;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * Failed tasks in the summary: one group, as Luigi prints it, when all failed with an error;
 * split into interrupted, timed out and error when any was stopped, and the verdict names an
 * interruption before anything else.
 */
class FailureGroupsTest {

    private static TaskOutcome failed(String family, FailureReason reason) {
        return new TaskOutcome(new TaskId(family, Map.of()), null, TaskState.FAILED, null, 1, Duration.ofSeconds(1),
                "some error", Map.of(), reason);
    }

    private static RunResult run(TaskOutcome... outcomes) {
        return new RunResult(List.of(outcomes), Optional.empty(), Duration.ofSeconds(2));
    }

    @Test
    void errorsAloneKeepLuigisSingleGroup() {
        String body = ExecutionSummary.body(run(failed("Broken", FailureReason.ERROR)));
        assertTrue(body.contains("* 1 failed:\n    - 1 Broken()\n"), body);
        assertTrue(body.endsWith("This progress looks :( because there were failed tasks\n"), body);
    }

    @Test
    void stoppedTasksSplitTheGroupByReason() {
        String body = ExecutionSummary.body(run(failed("Broken", FailureReason.ERROR), failed("Slow", FailureReason.TIMED_OUT),
                failed("Busy", FailureReason.INTERRUPTED)));
        assertTrue(body.contains("* 3 failed, among these:\n"
                + "    * 1 were interrupted:\n        - 1 Busy()\n"
                + "    * 1 timed out:\n        - 1 Slow()\n"
                + "    * 1 failed with an error:\n        - 1 Broken()\n"), body);
        assertTrue(body.endsWith("This progress looks :( because the run was interrupted\n"), body);
    }

    @Test
    void anOutcomeMadeTheOldWayFailsWithAnErrorAndOnlyFailedOnesHaveAReason() {
        TaskOutcome old = new TaskOutcome(new TaskId("Old", Map.of()), null, TaskState.FAILED, null, 1, Duration.ZERO, "e",
                Map.of());
        assertEquals(FailureReason.ERROR, old.failure());
        TaskOutcome pending = new TaskOutcome(new TaskId("Later", Map.of()), null, TaskState.PENDING,
                PendingReason.RUN_INTERRUPTED, 0, Duration.ZERO, null, Map.of(), FailureReason.INTERRUPTED);
        assertEquals(null, pending.failure());
        assertEquals("the run was interrupted", Verdict.of(run(pending)).reason());
        assertEquals("INTERRUPTED", SummaryJson.toJson(run(failed("Busy", FailureReason.INTERRUPTED)), 143)
                .get("tasks").get(0).get("failure").asText());
    }
}
