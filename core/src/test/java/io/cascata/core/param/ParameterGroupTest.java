package io.cascata.core.param;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cascata.core.Param;
import io.cascata.core.ParameterGroup;
import io.cascata.core.Task;
import io.cascata.core.Tasks;
import io.cascata.core.cli.CascataCommand;
import io.cascata.core.config.CascataConfig;
import io.cascata.core.range.RangeDaily;
import io.cascata.core.targets.LocalTarget;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Parameters shared through a group record, as Luigi's @inherits and @requires share them. */
class ParameterGroupTest {

    @TempDir
    Path tmp;

    /** The day and region every step of a daily pipeline is about. */
    @ParameterGroup
    public record PgPartition(@Param("day of the data") LocalDate date,
            @Param(value = "region code", defaultValue = "eu") String region) {
    }

    record PgClean(@Param(significant = false) String dir, PgPartition partition) implements Task {
        @Override
        public LocalTarget output() {
            return LocalTarget.of(dir + "/clean-" + partition.region() + "-" + partition.date() + ".txt");
        }

        @Override
        public void run() throws IOException {
            output().writeText("clean " + partition.region() + " " + partition.date());
        }
    }

    record PgReport(@Param(significant = false) String dir, PgPartition partition, @Param(defaultValue = "3") int top)
            implements Task {
        @Override
        public PgClean requires() {
            return new PgClean(dir, partition);
        }

        @Override
        public LocalTarget output() {
            return LocalTarget.of(dir + "/report-" + partition.region() + "-" + partition.date() + ".txt");
        }

        @Override
        public void run() throws IOException {
            LocalTarget in = input();
            output().writeText(in.readText() + " top " + top);
        }
    }

    record PgClash(PgPartition partition, String region) implements Task {
    }

    private String[] cli(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = new CascataCommand(new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8), name -> null).execute(args);
        return new String[] {String.valueOf(code), out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8)};
    }

    @Test
    void aGroupsComponentsAreTheFamilysOwnParameters() {
        assertEquals(List.of("dir", "date", "region", "top"),
                TaskFamily.of(PgReport.class).parameters().stream().map(ParameterSpec::name).toList());
        PgReport report = new PgReport("x", new PgPartition(LocalDate.of(2016, 1, 1), "us"), 5);
        assertEquals("PgReport(date=2016-01-01, region=us, top=5)", report.id().display());
        assertEquals(report, Tasks.create(PgReport.class, "dir", "x", "date", LocalDate.of(2016, 1, 1), "region", "us",
                "top", 5));
    }

    @Test
    void fromTheCommandLineAndTheConfigAndPassedOnWhole() throws IOException {
        String[] run = cli("PgReport", "--dir", tmp.toString(), "--date", "2016-01-01", "--region", "us", "--no-lock");
        assertEquals("0", run[0], run[2]);
        assertTrue(run[1].contains("    - 1 PgClean(date=2016-01-01, region=us)\n    - 1 PgReport(date=2016-01-01, region=us, top=3)\n"),
                run[1]);
        assertEquals("clean us 2016-01-01 top 3", Files.readString(tmp.resolve("report-us-2016-01-01.txt")));

        Path config = Files.writeString(tmp.resolve("pg.cfg"), "[PgReport]\nregion=apac\ntop=9\n");
        String[] fromConfig = cli("PgReport", "--dir", tmp.toString(), "--date", "2016-01-02", "--config", config.toString(),
                "--no-lock");
        assertEquals("0", fromConfig[0], fromConfig[2]);
        assertEquals("clean apac 2016-01-02 top 9", Files.readString(tmp.resolve("report-apac-2016-01-02.txt")));

        String[] help = cli("PgReport", "--help");
        assertTrue(help[1].contains("--date") && help[1].contains("day of the data") && help[1].contains("--region"), help[1]);
    }

    @Test
    void badValuesNameTheTaskAndTheFlattenedParameter() {
        String[] bad = cli("PgReport", "--dir", tmp.toString(), "--date", "2016-13-01", "--no-lock");
        assertEquals("2", bad[0]);
        assertEquals("error: task PgReport, parameter 'date' (LocalDate): cannot use value '2016-13-01' from the command "
                + "line: not a valid LocalDate\n", bad[2]);
        String[] missing = cli("PgReport", "--dir", tmp.toString(), "--no-lock");
        assertEquals("2", missing[0]);
        assertTrue(missing[2].startsWith("error: task PgReport: missing value for parameter 'date' (LocalDate); pass --date"),
                missing[2]);
        IllegalArgumentException clash = assertThrows(IllegalArgumentException.class, () -> TaskFamily.of(PgClash.class));
        assertEquals("task PgClash has two parameters named 'region' (one of them from a parameter group); rename one",
                clash.getMessage());
    }

    @Test
    void aRangeRunsOverAFamilyWithAGroup() throws IOException {
        Files.writeString(tmp.resolve("clean-us-2016-01-02.txt"), "x");
        RangeDaily range = RangeDaily.of(PgClean.class, LocalDate.of(2016, 1, 1), LocalDate.of(2016, 1, 4))
                .withOfParams(Map.of("dir", tmp.toString(), "region", "us")).withDaysBack(100000)
                .withNow(Instant.parse("2016-02-01T00:00:00Z"));
        List<Task> required;
        try (ParameterSources.Scope scope = ParameterSources.use(new ParameterSources(Map.of(), CascataConfig.empty()))) {
            required = range.requires();
        }
        assertEquals(List.of(new PgClean(tmp.toString(), new PgPartition(LocalDate.of(2016, 1, 1), "us")),
                new PgClean(tmp.toString(), new PgPartition(LocalDate.of(2016, 1, 3), "us"))), required);
    }
}
