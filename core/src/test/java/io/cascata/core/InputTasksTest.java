package io.cascata.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cascata.core.config.CascataConfig;
import io.cascata.core.run.Driver;
import io.cascata.core.run.RetCodes;
import io.cascata.core.run.RunResult;
import io.cascata.core.run.TaskState;
import io.cascata.core.summary.ExecutionSummary;
import io.cascata.core.targets.DirectoryTarget;
import io.cascata.core.targets.FileTarget;
import io.cascata.core.targets.LocalDirectoryTarget;
import io.cascata.core.targets.LocalTarget;
import io.cascata.core.targets.StagedDirectory;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Inputs made elsewhere: a file or a directory is an external task, complete when it is there. */
class InputTasksTest {

    @TempDir
    Path tmp;

    /** Counts the lines of an input file and of every file of an input directory. */
    record CountLines(@Param("file") String file, @Param("directory") String dir, @Param("out") String out) implements Task {
        @Override
        public Map<String, Task> requires() {
            return Map.of("file", new InputFile(file), "dir", new InputDirectory(dir));
        }

        @Override
        public LocalTarget output() {
            return LocalTarget.of(out);
        }

        @Override
        public void run() throws IOException {
            Map<String, Object> in = input();
            long lines = ((FileTarget) in.get("file")).readLines().size();
            for (FileTarget f : ((DirectoryTarget) in.get("dir")).files()) {
                lines += f.readLines().size();
            }
            output().writeText(Long.toString(lines));
        }
    }

    private static RunResult run(Task task) {
        return Driver.builder().config(CascataConfig.empty()).build().run(task);
    }

    @Test
    void missingInputsAreMissingExternalDependenciesAndNothingRuns() {
        CountLines count = new CountLines(tmp.resolve("in.txt").toString(), tmp.resolve("in").toString(),
                tmp.resolve("count.txt").toString());
        RunResult result = run(count);
        assertEquals(RetCodes.defaults().missingData(), RetCodes.defaults().exitCode(result));
        assertEquals(TaskState.MISSING_EXTERNAL, result.outcome(new InputFile(count.file()).id()).orElseThrow().state());
        assertEquals(TaskState.PENDING, result.outcome(count.id()).orElseThrow().state());
        assertTrue(ExecutionSummary.render(result).contains("    - 1 InputDirectory(path=" + count.dir() + ")"),
                ExecutionSummary.render(result));
    }

    @Test
    void aFileAndAWholeDirectoryAreComplete() throws IOException {
        Files.writeString(tmp.resolve("in.txt"), "a\nb\n");
        Path dir = Files.createDirectories(tmp.resolve("in"));
        Files.writeString(dir.resolve("part-0"), "c\n");
        Files.writeString(dir.resolve("part-1"), "d\ne\n");
        CountLines count = new CountLines(tmp.resolve("in.txt").toString(), dir.toString(), tmp.resolve("count.txt").toString());
        assertEquals(TaskState.PENDING, run(count).outcome(count.id()).orElseThrow().state(),
                "a directory without its _SUCCESS marker may still be being written");

        Files.writeString(dir.resolve("_SUCCESS"), "");
        RunResult result = run(count);
        assertTrue(result.success(), ExecutionSummary.render(result));
        assertEquals(TaskState.ALREADY_DONE, result.outcome(new InputFile(count.file()).id()).orElseThrow().state());
        assertEquals("5", Files.readString(tmp.resolve("count.txt")));
        assertEquals(List.of(), Files.list(tmp).filter(p -> p.getFileName().toString().startsWith(".")).toList());
    }

    @Test
    void aDamagedInputDirectoryIsMissingAndTheSummaryNamesTheFileGone() throws IOException {
        Files.writeString(tmp.resolve("in.txt"), "a\n");
        LocalDirectoryTarget dir = LocalDirectoryTarget.of(tmp.resolve("in"));
        try (StagedDirectory staged = dir.openDirectory()) {
            for (String part : List.of("part-0", "part-1")) {
                try (OutputStream out = staged.create(part)) {
                    out.write("line\n".getBytes(StandardCharsets.UTF_8));
                }
            }
            staged.commit();
        }
        Files.delete(dir.path().resolve("part-1"));
        CountLines count = new CountLines(tmp.resolve("in.txt").toString(), dir.path().toString(),
                tmp.resolve("count.txt").toString());

        RunResult result = run(count);

        assertEquals(TaskState.MISSING_EXTERNAL, result.outcome(new InputDirectory(count.dir()).id()).orElseThrow().state());
        String summary = ExecutionSummary.render(result);
        assertTrue(summary.contains("missing: " + dir.location() + " (incomplete: listed file part-1 is missing)"), summary);
        assertTrue(Files.notExists(tmp.resolve("count.txt")));
    }
}
