package io.cascata.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cascata.testing.CommandLineOutcome;
import io.cascata.testing.PipelineTester;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The README's examples of ranges, parameter groups, config classes and parameter types, run as a user runs them. */
class LuigiFeaturesTest {

    @RegisterExtension
    final PipelineTester pipeline = new PipelineTester();

    @Test
    void aRangeBackfillsOnlyTheMissingDaysThenFindsThemAllComplete() throws Exception {
        Path daily = Files.createDirectories(pipeline.directory().resolve("output/daily"));
        List<LocalDate> missing = List.of(LocalDate.of(2016, 1, 1), LocalDate.of(2016, 1, 31), LocalDate.of(2016, 2, 29));
        for (LocalDate d = LocalDate.of(2016, 1, 1); d.isBefore(LocalDate.of(2016, 3, 1)); d = d.plusDays(1)) {
            if (!missing.contains(d)) {
                Files.writeString(daily.resolve("totals-" + d + ".txt"), d + "\n");
            }
        }
        String[] range = {"RangeDaily", "--of", "DailyTotals", "--start", "2016-01-01", "--stop", "2016-03-01", "--days-back",
            "4000"};
        CommandLineOutcome first = pipeline.commandLine(range);
        assertEquals(0, first.exitCode(), first.err());
        assertTrue(first.out().contains("* 4 ran successfully:\n    - 3 DailyTotals(date=2016-01-01,2016-01-31,2016-02-29)\n"
                + "    - 1 RangeDaily(...)\n"), first.out());
        assertEquals("2016-02-29\t" + (60 * 37 % 1000) + "\n", Files.readString(daily.resolve("totals-2016-02-29.txt")));
        CommandLineOutcome second = pipeline.commandLine(range);
        assertEquals(0, second.exitCode(), second.err());
        assertTrue(second.out().contains("* 1 complete ones were encountered:\n    - 1 RangeDaily(...)\n\nDid not run any tasks"),
                second.out());
    }

    @Test
    void aParameterGroupAndAConfigClassFromTheCommandLineAndTheConfig() throws Exception {
        CommandLineOutcome cli = pipeline.commandLine("RegionReport", "--date", "2016-03-01", "--region", "us",
                "--extract-batch-size", "50");
        assertEquals(0, cli.exitCode(), cli.err());
        assertTrue(cli.out().contains("    - 1 ExtractEvents(date=2016-03-01, region=us)\n"
                + "    - 1 RegionReport(date=2016-03-01, region=us, top=10)\n"), cli.out());
        assertEquals("report (top 10): events of us on 2016-03-01 from clickstream, batches of 50\n",
                Files.readString(pipeline.directory().resolve("output/events/us/report-2016-03-01.txt")));

        Files.writeString(pipeline.directory().resolve("daily.cfg"),
                "[extract]\nsource=${EVENT_SOURCE}\nbatch-size=200\n\n[RegionReport]\ntop=3\n");
        CommandLineOutcome config = pipeline.commandLine(Map.of("EVENT_SOURCE", "orders-db"), "RegionReport", "--date",
                "2016-03-02", "--config", "daily.cfg");
        assertEquals(0, config.exitCode(), config.err());
        assertEquals("report (top 3): events of eu on 2016-03-02 from orders-db, batches of 200\n",
                Files.readString(pipeline.directory().resolve("output/events/eu/report-2016-03-02.txt")));

        CommandLineOutcome bad = pipeline.commandLine("RegionReport", "--date", "2016-03-03", "--extract-batch-size", "0");
        assertEquals(2, bad.exitCode());
        assertTrue(bad.err().contains("error: --extract-batch-size (int): cannot use value '0': must be at least 1\n"), bad.err());
    }

    @Test
    void newParameterTypesAndTheirBadValues() throws Exception {
        CommandLineOutcome good = pipeline.commandLine("Sample", "--month", "2016-02", "--days", "2016-W09", "--limit", "100",
                "--channels", "web,store");
        assertEquals(0, good.exitCode(), good.err());
        assertEquals("month 2016-02, 7 days from 2016-02-29, at 2016-03-01T00, limit 100, fraction 0.1, shards 4, "
                + "channels [WEB, STORE]\n", Files.readString(pipeline.directory().resolve("output/sample.txt")));
        CommandLineOutcome bounds = pipeline.commandLine("Sample", "--month", "2016-02", "--shards", "100");
        assertEquals(2, bounds.exitCode());
        assertEquals("error: task Sample, parameter 'shards' (int): cannot use value '100' from the command line: "
                + "must be between 1 and 64\n", bounds.err());
        CommandLineOutcome choices = pipeline.commandLine("Sample", "--month", "2016-02", "--channels", "web,fax");
        assertEquals(2, choices.exitCode());
        assertEquals("error: task Sample, parameter 'channels' (List<Channel>): cannot use value 'web,fax' from the "
                + "command line: 'fax' is not one of WEB, MOBILE, STORE\n", choices.err());
    }
}
