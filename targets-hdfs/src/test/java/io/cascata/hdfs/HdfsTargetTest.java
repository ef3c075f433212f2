package io.cascata.hdfs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.core.type.TypeReference;
import io.cascata.core.Param;
import io.cascata.core.Task;
import io.cascata.core.run.Driver;
import io.cascata.core.run.RunResult;
import io.cascata.core.run.TaskState;
import io.cascata.core.targets.DirectoryTarget;
import io.cascata.core.targets.FileTarget;
import io.cascata.core.targets.StagedDirectory;
import io.cascata.core.targets.Format;
import java.io.IOException;
import java.io.OutputStream;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** File and directory targets against a real HDFS: formats and all-or-nothing writes. */
class HdfsTargetTest {

    @TempDir
    static Path base;
    static MiniHdfs hdfs;

    @BeforeAll
    static void start() throws Exception {
        hdfs = new MiniHdfs(base.resolve("dfs"));
    }

    @AfterAll
    static void stop() {
        if (hdfs != null) {
            hdfs.close();
        }
    }

    private static FileTarget target(String path, Format format) {
        return FileTarget.of(HadoopStorage.of(hdfs.conf, hdfs.root), hdfs.uri(path), format);
    }

    private static List<String> names(String dir) throws Exception {
        FileSystem fs = hdfs.fs();
        return java.util.Arrays.stream(fs.listStatus(new org.apache.hadoop.fs.Path(hdfs.uri(dir))))
                .map(FileStatus::getPath).map(org.apache.hadoop.fs.Path::getName).sorted().toList();
    }

    @Test
    void textGzipAndObjectsRoundTripAndParentsAreCreated() throws Exception {
        FileTarget text = target("/a/b/c/text.txt", Format.PLAIN);
        assertFalse(text.exists());
        text.writeText("grüße\nzwei");
        assertTrue(text.exists());
        assertEquals(List.of("grüße", "zwei"), text.readLines());

        FileTarget gz = target("/a/data.gz", Format.GZIP);
        try (OutputStream out = gz.openOutputStream()) {
            out.write("Hello world".getBytes(StandardCharsets.UTF_8));
        }
        assertEquals("Hello world", gz.readText());
        try (var raw = target("/a/data.gz", Format.PLAIN).openInputStream()) {
            assertEquals(0x1f, raw.read());
        }

        FileTarget object = target("/a/object.json", Format.PLAIN);
        object.writeObject(Map.of("text", "hello world"));
        assertEquals(Map.of("text", "hello world"), object.readObject(new TypeReference<Map<String, Object>>() { }));
    }

    @Test
    void anOverwriteReplacesTheFileInOneStep() throws Exception {
        FileTarget t = target("/over/x.txt", Format.PLAIN);
        t.writeText("first");
        t.writeText("second");
        assertEquals("second", t.readText());
        assertEquals(List.of("x.txt"), names("/over"));
    }

    /** Writes half its output, then throws. */
    record HalfWriter(@Param("where") String out) implements Task {
        @Override
        public FileTarget output() {
            return FileTarget.of(HadoopStorage.of(hdfs.conf, out), out, Format.PLAIN);
        }

        @Override
        public void run() throws Exception {
            try (Writer w = output().openWriter()) {
                w.write("half of it");
                throw new IllegalStateException("failed mid-write");
            }
        }
    }

    @Test
    void aFailureMidWriteLeavesNothingAtThePath() throws Exception {
        String uri = hdfs.uri("/fail/out.txt");
        RunResult result = Driver.builder().build().run(new HalfWriter(uri));
        assertEquals(TaskState.FAILED, result.outcomes().get(0).state());
        assertFalse(target("/fail/out.txt", Format.PLAIN).exists());
        assertTrue(names("/fail").stream().noneMatch(n -> !n.startsWith(".")), "no visible file: " + names("/fail"));

        FileTarget direct = target("/fail/lambda.txt", Format.PLAIN);
        assertThrows(IOException.class, () -> direct.write(w -> {
            w.write("partial");
            throw new IOException("disk gone");
        }));
        assertFalse(direct.exists());
    }

    @Test
    void aPermissionDeniedNamesThePathAndLeavesNothing() throws Exception {
        FileSystem fs = hdfs.fs();
        org.apache.hadoop.fs.Path locked = new org.apache.hadoop.fs.Path(hdfs.uri("/locked"));
        fs.mkdirs(locked);
        fs.setPermission(locked, new org.apache.hadoop.fs.permission.FsPermission((short) 0755));
        String uri = hdfs.uri("/locked/out.txt");
        IOException denied = org.apache.hadoop.security.UserGroupInformation.createRemoteUser("alice")
                .doAs((java.security.PrivilegedExceptionAction<IOException>) () -> {
                    try {
                        FileTarget.of(HadoopStorage.of(hdfs.conf, uri), uri, Format.PLAIN).writeText("not allowed");
                        return null;
                    } catch (IOException e) {
                        return e;
                    }
                });
        assertTrue(denied != null, "writing into another user's directory must fail");
        assertTrue(denied.getMessage().startsWith(uri + ": permission denied"), denied.getMessage());
        assertEquals(List.of(), names("/locked"));
    }

    @Test
    void aDirectoryIsCompleteOnlyOnceCommittedAndReplacesAStaleOne() throws Exception {
        DirectoryTarget dir = DirectoryTarget.of(HadoopStorage.of(hdfs.conf, hdfs.root), hdfs.uri("/dirs/out"));
        FileSystem fs = hdfs.fs();
        fs.mkdirs(new org.apache.hadoop.fs.Path(hdfs.uri("/dirs/out")));
        fs.create(new org.apache.hadoop.fs.Path(hdfs.uri("/dirs/out/stale-part"))).close();
        assertFalse(dir.exists(), "a directory without _SUCCESS is not complete");

        StagedDirectory staged = dir.openDirectory();
        try (OutputStream out = fs.create(new org.apache.hadoop.fs.Path(staged.temporaryLocation() + "/part-0"))) {
            out.write("x\n".getBytes(StandardCharsets.UTF_8));
        }
        assertFalse(dir.exists());
        staged.close();
        assertTrue(dir.exists());
        assertEquals(List.of("_SUCCESS", "part-0"), names("/dirs/out"), "replaced, not nested");
        assertEquals(List.of("out"), names("/dirs").stream().filter(n -> !n.startsWith(".")).toList());
        assertEquals(1, dir.files().size());

        StagedDirectory aborted = DirectoryTarget.of(HadoopStorage.of(hdfs.conf, hdfs.root), hdfs.uri("/dirs/never")).openDirectory();
        aborted.abort();
        assertEquals(List.of("out"), names("/dirs"));
    }
}
