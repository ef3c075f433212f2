package io.cascata.hdfs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cascata.core.Param;
import io.cascata.core.Task;
import io.cascata.core.config.CascataConfig;
import io.cascata.core.range.RangeDaily;
import io.cascata.core.run.Driver;
import io.cascata.core.run.RunResult;
import io.cascata.core.run.TaskState;
import io.cascata.core.targets.FileTarget;
import io.cascata.core.targets.Format;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.StorageStatistics;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A date range over daily files on a real HDFS: one listing of the directory, only the missing days run. */
class HdfsRangeTest {

    private static final LocalDate FIRST = LocalDate.of(2024, 1, 1);
    private static final LocalDate END = LocalDate.of(2026, 1, 1);
    private static final List<LocalDate> MISSING = List.of(LocalDate.of(2024, 2, 29), LocalDate.of(2025, 7, 4),
            LocalDate.of(2025, 12, 31));

    @TempDir
    static Path base;
    static MiniHdfs hdfs;

    /** One file a day in one HDFS directory. */
    record HdDaily(@Param(significant = false) String dir, LocalDate date) implements Task {
        @Override
        public FileTarget output() {
            return FileTarget.of(HadoopStorage.of(hdfs.conf, hdfs.root), dir + "/daily-" + date + ".txt", Format.PLAIN);
        }

        @Override
        public void run() throws IOException {
            output().writeText("day " + date);
        }
    }

    @BeforeAll
    static void twoYearsButThreeDays() throws Exception {
        hdfs = new MiniHdfs(base.resolve("dfs"));
        FileSystem fs = hdfs.fs();
        for (LocalDate d = FIRST; d.isBefore(END); d = d.plusDays(1)) {
            if (!MISSING.contains(d)) {
                fs.create(new org.apache.hadoop.fs.Path(hdfs.uri("/daily/daily-" + d + ".txt"))).close();
            }
        }
    }

    @AfterAll
    static void stop() {
        if (hdfs != null) {
            hdfs.close();
        }
    }

    private static long count(String operation) {
        StorageStatistics stats = FileSystem.getGlobalStorageStatistics().get("DFSOpsCountStatistics");
        Long n = stats == null ? null : stats.getLong(operation);
        return n == null ? 0 : n;
    }

    @Test
    void aRangeOnHdfsListsTheDirectoryOnceAndRunsOnlyTheMissingDays() {
        RangeDaily range = RangeDaily.of(HdDaily.class, FIRST, END).withOfParams(Map.of("dir", hdfs.uri("/daily")))
                .withDaysBack(1000).withNow(Instant.parse("2026-01-01T00:00:00Z"));
        long listingsBefore = count("op_list_status");
        long statsBefore = count("op_get_file_status");
        List<Task> required = range.requires();
        assertEquals(MISSING, required.stream().map(t -> ((HdDaily) t).date()).toList());
        assertEquals(1, count("op_list_status") - listingsBefore, "one listing for 731 days");
        assertEquals(0, count("op_get_file_status") - statsBefore, "no look at each file");

        RunResult result = Driver.builder().config(CascataConfig.empty()).build().run(range);
        assertEquals(MISSING, result.inState(TaskState.COMPLETED).stream().map(o -> o.task())
                .filter(t -> t instanceof HdDaily).map(t -> ((HdDaily) t).date()).sorted().toList());
        assertTrue(Driver.builder().config(CascataConfig.empty()).build().run(range).inState(TaskState.COMPLETED).isEmpty());
    }
}
