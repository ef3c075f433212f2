package io.cascata.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cascata.testing.CommandLineOutcome;
import io.cascata.testing.PipelineTester;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The README's examples of dynamic dependencies and of resources and priority, run as a user runs them. */
class DynamicAndResourcesTest {

    @RegisterExtension
    final PipelineTester pipeline = new PipelineTester();

    @Test
    void wordsPerFileRequiresOneCountPerFileFoundWhileRunningThenRunsNothingAgain() {
        pipeline.writeFile("in/fox.txt", "the quick brown fox\n");
        pipeline.writeFile("in/dog.txt", "jumps over\nthe lazy dog\n");
        pipeline.writeFile("in/hello.txt", "hello\n");

        CommandLineOutcome first = pipeline.commandLine("WordsPerFile", "--in", "in", "--workers", "1");

        assertEquals(0, first.exitCode(), first.err());
        assertTrue(first.out().contains("* 4 ran successfully:\n    - 3 CountFileWords("), first.out());
        assertTrue(first.out().contains("    - 1 WordsPerFile(in=in, out=output/words-per-file)\n"), first.out());
        assertEquals("dog.txt 5\nfox.txt 4\nhello.txt 1\n", pipeline.readFile("output/words-per-file/report.txt"));

        CommandLineOutcome second = pipeline.commandLine("WordsPerFile", "--in", "in", "--workers", "1");
        assertEquals(0, second.exitCode(), second.err());
        assertTrue(second.out().contains("Scheduled 1 tasks of which:\n* 1 complete ones were encountered:\n"), second.out());
        assertTrue(second.out().contains("Did not run any tasks"), second.out());
    }

    @Test
    void nightlyExportStartsTheUrgentTablesFirstAndNeverUsesMoreConnectionsThanAllowed() {
        pipeline.writeFile("cascata.cfg", "[resources]\ndb-connections=2\n");

        CommandLineOutcome run = pipeline.commandLine("NightlyExport", "--workers", "4");

        assertEquals(0, run.exitCode(), run.err());
        List<String> tables = new ArrayList<>();
        List<LocalTime> starts = new ArrayList<>();
        for (String line : run.out().split("\n")) {
            if (line.contains(" exporting ")) {
                starts.add(LocalTime.parse(line.substring(0, line.indexOf(' '))));
                tables.add(line.substring(line.lastIndexOf(' ') + 1));
            }
        }
        assertEquals(5, tables.size(), run.out());
        assertEquals(List.of("invoices", "orders"), tables.subList(0, 2).stream().sorted().toList(), "the two urgent ones first");
        assertEquals("audit_log", tables.get(4), "the lowest priority last");
        // Each export takes 500 ms and only two run at once: the third starts once one of the first two ended.
        assertTrue(!starts.get(2).isBefore(starts.get(0).plusNanos(450_000_000)), "at most two at once: " + run.out());
    }

    @Test
    void aTaskAskingMoreThanTheLimitFailsSchedulingWithOneLineNamingTheResource() {
        pipeline.writeFile("zero.cfg", "[resources]\ndb-connections=0\n");

        CommandLineOutcome run = pipeline.commandLine("NightlyExport", "--config", "zero.cfg");

        assertEquals(35, run.exitCode(), run.err());
        assertTrue(run.err().contains("failed scheduling ExportTable(table=orders, urgency=10, out=output/exports): asks 1 of"
                + " resource 'db-connections', more than its limit of 0 ([resources] db-connections=0)\n"), run.err());
        assertTrue(!run.err().contains("\tat "), "no stack trace: " + run.err());
    }
}
