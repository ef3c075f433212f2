package io.cascata.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.cascata.core.json.Json;
import java.io.File;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

/**
 * End to end on a real Flink session cluster started by scripts/flink-cluster: pipeline.jar
 * submits heavy stages there and runs light ones in the driver; a re-run submits nothing; a
 * TaskManager killed mid-job fails that task within a bounded time; an absent cluster fails fast;
 * interrupting the thread that runs a stage cancels its job on the cluster; the summary links to
 * each job in the Flink UI; the code goes to the cluster once, checked by its hash, and each job
 * ships only a pointer to it.
 * Stops the cluster it started.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class FlinkClusterIT {

    private static final Path REPO = Path.of("").toAbsolutePath().getParent();
    private static final Path JAR = Path.of("target/pipeline.jar").toAbsolutePath();
    private static final String MASTER = "127.0.0.1:8081";
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    @TempDir
    static Path dir;

    @BeforeAll
    static void startCluster() throws Exception {
        try (java.net.ServerSocket probe = new java.net.ServerSocket()) {
            probe.bind(new java.net.InetSocketAddress("127.0.0.1", 8081));
        } catch (java.io.IOException e) {
            throw new IllegalStateException("port 8081 is taken: another Flink cluster runs here; stop it first", e);
        }
        PipelineProcess.Result started = script("start");
        assertEquals(0, started.exitCode(), started.out() + started.err());
    }

    @AfterAll
    static void stopCluster() throws Exception {
        script("stop");
    }

    private static PipelineProcess.Result script(String verb) throws Exception {
        File out = dir.resolve("cluster-" + verb + ".out").toFile();
        Process p = new ProcessBuilder(REPO.resolve("scripts/flink-cluster").toString(), verb)
                .directory(REPO.toFile()).redirectErrorStream(true).redirectOutput(out).start();
        if (!p.waitFor(180, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new IllegalStateException("scripts/flink-cluster " + verb + " did not finish");
        }
        return new PipelineProcess.Result(p.exitValue(), Files.readString(out.toPath()), "");
    }

    /** Runs pipeline.jar itself, as users do. */
    private static PipelineProcess.Result jar(Path workDir, String... args) throws Exception {
        // The test's own temporary directory: the run lock's directory goes there, not into /tmp.
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Djava.io.tmpdir=" + System.getProperty("java.io.tmpdir"), "-jar", JAR.toString()));
        command.addAll(List.of(args));
        File out = workDir.resolve(".out").toFile();
        File err = workDir.resolve(".err").toFile();
        Process p = new ProcessBuilder(command).directory(workDir.toFile()).redirectOutput(out).redirectError(err).start();
        if (!p.waitFor(300, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new IllegalStateException("pipeline did not finish: " + command);
        }
        return new PipelineProcess.Result(p.exitValue(), Files.readString(out.toPath()), Files.readString(err.toPath()));
    }

    private static List<JsonNode> jobs() throws Exception {
        HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(URI.create("http://" + MASTER + "/jobs/overview"))
                .timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
        List<JsonNode> out = new ArrayList<>();
        Json.mapper().readTree(r.body()).path("jobs").forEach(out::add);
        return out;
    }

    private static long jobsNamed(String prefix, String state) throws Exception {
        return jobs().stream().filter(j -> j.path("name").asText().startsWith(prefix) && j.path("state").asText().equals(state))
                .count();
    }

    @Test
    @Order(1)
    void topWordsRunsItsHeavyStageOnTheClusterAndItsLightStageInTheDriver() throws Exception {
        Path work = Files.createDirectories(dir.resolve("topwords"));
        Path input = work.resolve("input.txt");
        Files.writeString(input, "delta alpha beta\nalpha gamma alpha\nbeta Alpha, delta!\n", StandardCharsets.UTF_8);
        String report = work.resolve("report.txt").toString();
        PipelineProcess.Result result = jar(work, "TopWords", "--input", input.toString(), "--output", report, "--top", "3",
                "--workspace", work.resolve("ws").toString(), "--flinkMaster=" + MASTER);
        assertEquals(0, result.exitCode(), result.err());
        assertEquals("alpha\t4\nbeta\t2\ndelta\t2\n", Files.readString(Path.of(report)));
        assertTrue(result.out().contains(") on FlinkRunner " + MASTER + ", parallelism 2 (weight HEAVY), Flink job "),
                result.out());
        String id = jobs().stream().filter(j -> j.path("name").asText().startsWith("countwords-")).findFirst()
                .orElseThrow().path("jid").asText();
        assertTrue(result.out().contains("Flink job " + id + " (http://" + MASTER + "/#/job/completed/" + id + "/overview)"),
                result.out());
        assertTrue(result.out().contains(") on DirectRunner, parallelism 2 (weight LIGHT)"), result.out());
        assertEquals(1, jobsNamed("countwords-", "FINISHED"), jobs().toString());
        assertEquals(0, jobsNamed("topn-", "FINISHED"), "the light stage ran in the driver");

        int before = jobs().size();
        PipelineProcess.Result again = jar(work, "TopWords", "--input", input.toString(), "--output", report, "--top", "3",
                "--workspace", work.resolve("ws").toString(), "--flinkMaster=" + MASTER);
        assertTrue(again.out().contains("Scheduled 1 tasks of which:\n* 1 complete ones were encountered:"), again.out());
        assertEquals(before, jobs().size(), "a complete graph submits nothing");
    }

    @Test
    @Order(2)
    void theEnsembleOnTheClusterScoresLikeTheEmbeddedRun() throws Exception {
        Path cluster = Files.createDirectories(dir.resolve("ensemble-cluster"));
        PipelineProcess.Result onCluster = jar(cluster, "ScoreReport", "--workers", "3", "--rows", "3000",
                "--flinkMaster=" + MASTER);
        assertEquals(0, onCluster.exitCode(), onCluster.err());
        assertEquals(1, jobsNamed("preparefeatures-", "FINISHED"));
        assertEquals(1, jobsNamed("trainnaivebayes-", "FINISHED"));
        Path local = Files.createDirectories(dir.resolve("ensemble-local"));
        PipelineProcess.Result embedded = jar(local, "ScoreReport", "--workers", "3", "--rows", "3000");
        assertEquals(0, embedded.exitCode(), embedded.err());
        assertEquals(Files.readString(local.resolve("output/score_report.txt")),
                Files.readString(cluster.resolve("output/score_report.txt")));
    }

    @Test
    @Order(3)
    void aTaskManagerKilledMidJobFailsTheStageWithinBoundedTimeAndTheClusterRecovers() throws Exception {
        Path work = Files.createDirectories(dir.resolve("killed"));
        Path big = work.resolve("big.txt");
        Process generate = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                REPO.resolve("bench/GenerateText.java").toString(), big.toString(), "150").inheritIO().start();
        assertTrue(generate.waitFor(120, TimeUnit.SECONDS) && generate.exitValue() == 0);
        long taskManager = Long.parseLong(Files.readString(REPO.resolve(".run/flink/taskmanager.pid")).trim());

        Thread killer = new Thread(() -> {
            try {
                long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
                while (System.nanoTime() < deadline && jobsNamed("countwords-", "RUNNING") == 0) {
                    Thread.sleep(200);
                }
                Thread.sleep(1000);
                ProcessHandle.of(taskManager).ifPresent(ProcessHandle::destroyForcibly);
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
        killer.start();
        long start = System.nanoTime();
        PipelineProcess.Result result = jar(work, "CountWords", "--input", big.toString(), "--workspace",
                work.resolve("ws").toString(), "--flinkMaster=" + MASTER);
        Duration took = Duration.ofNanos(System.nanoTime() - start);
        killer.join();
        assertEquals(30, result.exitCode(), result.out() + result.err());
        assertTrue(result.out().contains("[failed: IllegalStateException: pipeline of CountWords("), result.out());
        assertTrue(took.toSeconds() < 150, "bounded: " + took);
        // The failed attempt leaves nothing visible; the directory made only for its lease may be gone too.
        Path outputs = work.resolve("ws/CountWords");
        if (Files.exists(outputs)) {
            try (var entries = Files.list(outputs)) {
                assertTrue(entries.noneMatch(p -> !p.getFileName().toString().startsWith(".")), "nothing looks complete");
            }
        }

        PipelineProcess.Result restarted = script("start");
        assertEquals(0, restarted.exitCode(), restarted.out());
        assertTrue(restarted.out().contains("starting a TaskManager"), restarted.out());
    }

    @Test
    @Order(4)
    void anAbsentClusterFailsTheStageAtOnceNamingTheAddress() throws Exception {
        Path work = Files.createDirectories(dir.resolve("absent"));
        Path input = work.resolve("in.txt");
        Files.writeString(input, "a b\n");
        long start = System.nanoTime();
        PipelineProcess.Result result = jar(work, "CountWords", "--input", input.toString(), "--flinkMaster=127.0.0.1:8089");
        assertEquals(30, result.exitCode());
        assertTrue(result.out().contains("no Flink cluster answers at 127.0.0.1:8089"), result.out());
        assertTrue(Duration.ofNanos(System.nanoTime() - start).toSeconds() < 30);
        assertFalse(Files.exists(work.resolve("workspace/CountWords")) && Files.list(work.resolve("workspace/CountWords"))
                .anyMatch(p -> !p.getFileName().toString().startsWith(".")));
    }

    @Test
    @Order(5)
    void interruptingAStageCancelsItsJobOnTheClusterAndPublishesNothing() throws Exception {
        Path work = Files.createDirectories(dir.resolve("interrupted"));
        Path big = work.resolve("big.txt");
        Process generate = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                REPO.resolve("bench/GenerateText.java").toString(), big.toString(), "150").inheritIO().start();
        assertTrue(generate.waitFor(120, TimeUnit.SECONDS) && generate.exitValue() == 0);
        // The driver runs in this JVM; the cluster gets the stage's classes from pipeline.jar.
        io.cascata.core.config.CascataConfig config = io.cascata.core.config.CascataConfig.of(java.util.Map.of(
                "core", java.util.Map.of("workspace", work.resolve("ws").toString()),
                "beam", java.util.Map.of("flink-master", MASTER,
                        "pipeline-options", "[\"--filesToStage=" + JAR + "\"]")), System::getenv);
        java.util.concurrent.CompletableFuture<Thread> worker = new java.util.concurrent.CompletableFuture<>();
        io.cascata.core.run.Driver driver = io.cascata.core.run.Driver.builder().config(config).listener(e -> {
            if (e.type() == io.cascata.core.run.Event.START) {
                worker.complete(Thread.currentThread());
            }
        }).build();
        io.cascata.examples.topwords.CountWords stage = new io.cascata.examples.topwords.CountWords(big.toString());
        java.util.concurrent.CompletableFuture<io.cascata.core.run.RunResult> run =
                java.util.concurrent.CompletableFuture.supplyAsync(() -> driver.run(stage));
        Thread thread = worker.get(60, TimeUnit.SECONDS);
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(180);
        while (jobsNamed("countwords-", "RUNNING") == 0 && System.nanoTime() < deadline) {
            Thread.sleep(100);
        }
        String id = jobs().stream().filter(j -> j.path("name").asText().startsWith("countwords-")
                && j.path("state").asText().equals("RUNNING")).findFirst().orElseThrow().path("jid").asText();

        long interrupted = System.nanoTime();
        thread.interrupt();
        io.cascata.core.run.RunResult result = run.get(90, TimeUnit.SECONDS);
        Duration took = Duration.ofNanos(System.nanoTime() - interrupted);

        HttpResponse<String> status = HTTP.send(HttpRequest.newBuilder(URI.create("http://" + MASTER + "/jobs/" + id + "/status"))
                .timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals("CANCELED", Json.mapper().readTree(status.body()).path("status").asText(), status.body());
        assertTrue(took.toSeconds() < 60, "cancelled within a bounded time: " + took);
        io.cascata.core.run.TaskOutcome outcome = result.outcomes().get(0);
        assertEquals(io.cascata.core.run.TaskState.FAILED, outcome.state());
        assertTrue(outcome.error().contains("Flink job " + id + " ended CANCELED"), outcome.error());
        assertEquals("http://" + MASTER + "/#/job/completed/" + id + "/overview", outcome.details().get("flink-ui"));
        try (var entries = Files.list(work.resolve("ws/CountWords"))) {
            assertTrue(entries.noneMatch(p -> !p.getFileName().toString().startsWith(".")), "nothing looks complete");
        } catch (java.nio.file.NoSuchFileException e) {
            // nothing was created at all
        }
    }

    @Test
    @Order(6)
    void theCodeGoesToTheClusterOnceCheckedByItsHashAndEachJobShipsOnlyAPointerToIt() throws Exception {
        String name = "cascata-" + sha256(JAR) + ".jar";
        // A jar named for this code but holding other bytes must never run this driver's stages.
        for (JsonNode stored : storedJars(name)) {
            HTTP.send(HttpRequest.newBuilder(URI.create("http://" + MASTER + "/jars/" + stored.path("id").asText()))
                    .DELETE().build(), HttpResponse.BodyHandlers.ofString());
        }
        Path impostor = Files.createDirectories(dir.resolve("impostor")).resolve(name);
        try (var out = new java.util.jar.JarOutputStream(Files.newOutputStream(impostor), new java.util.jar.Manifest())) {
            out.putNextEntry(new java.util.jar.JarEntry("other.txt"));
            out.write("other code".getBytes(StandardCharsets.UTF_8));
        }
        Process upload = new ProcessBuilder("curl", "-sf", "-X", "POST", "-F", "jarfile=@" + impostor,
                "http://" + MASTER + "/jars/upload").redirectErrorStream(true).start();
        assertTrue(upload.waitFor(60, TimeUnit.SECONDS) && upload.exitValue() == 0, "curl uploads the stand-in");
        String impostorId = storedJars(name).get(0).path("id").asText();

        Path first = Files.createDirectories(dir.resolve("code-once-1"));
        PipelineProcess.Result run = jar(first, "ScoreReport", "--workers", "3", "--rows", "3000",
                "--flinkMaster=" + MASTER, "--summary-json", "summary.json");
        assertEquals(0, run.exitCode(), run.err());
        List<JsonNode> stored = storedJars(name);
        assertEquals(1, stored.size(), "the stand-in was replaced: " + stored);
        String id = stored.get(0).path("id").asText();
        assertFalse(id.equals(impostorId), "the stand-in was replaced");
        assertEquals(sha256(JAR), sha256(jarStore().resolve(id)), "the cluster holds exactly the driver's jar");

        List<JsonNode> stages = heavyStages(first.resolve("summary.json"));
        assertEquals(2, stages.size(), stages.toString());
        List<Long> sent = new ArrayList<>();
        for (JsonNode stage : stages) {
            assertEquals(id, stage.path("details").path("flink-code").asText(), stage.toString());
            sent.add(stage.path("details").path("flink-code-bytes").asLong());
            // The TaskManager got no jar with the job: its blob cache holds only the pointer.
            String job = stage.path("details").path("flink-job-id").asText();
            assertTrue(blobBytesOfJob(job) < 10_000, "job " + job + " has " + blobBytesOfJob(job) + " bytes of blobs");
        }
        sent.sort(null);
        assertTrue(sent.get(1) >= Files.size(JAR), "one stage uploaded the jar: " + sent);
        assertTrue(sent.get(0) < 10_000, "the other stage uploaded no jar: " + sent);

        Path second = Files.createDirectories(dir.resolve("code-once-2"));
        PipelineProcess.Result again = jar(second, "ScoreReport", "--workers", "3", "--rows", "3000",
                "--flinkMaster=" + MASTER, "--summary-json", "summary.json");
        assertEquals(0, again.exitCode(), again.err());
        assertEquals(stored, storedJars(name), "a later run of the same jar uploads nothing");
        for (JsonNode stage : heavyStages(second.resolve("summary.json"))) {
            assertEquals(id, stage.path("details").path("flink-code").asText(), stage.toString());
            assertTrue(stage.path("details").path("flink-code-bytes").asLong() < 10_000, stage.toString());
        }
        assertEquals(Files.readString(first.resolve("output/score_report.txt")),
                Files.readString(second.resolve("output/score_report.txt")));
    }

    private static List<JsonNode> storedJars(String name) throws Exception {
        HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(URI.create("http://" + MASTER + "/jars"))
                .timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
        List<JsonNode> out = new ArrayList<>();
        Json.mapper().readTree(r.body()).path("files").forEach(f -> {
            if (f.path("name").asText().equals(name)) {
                out.add(f);
            }
        });
        return out;
    }

    /** Where the JobManager keeps uploaded jars: flink-web-upload under its web.tmpdir. */
    private static Path jarStore() throws Exception {
        try (var dirs = Files.list(REPO.resolve(".run/flink/tmp/jobmanager/web"))) {
            return dirs.filter(d -> d.getFileName().toString().startsWith("flink-web-")).findFirst().orElseThrow()
                    .resolve("flink-web-upload");
        }
    }

    /** The bytes the TaskManager's blob cache holds for the job. */
    private static long blobBytesOfJob(String jobId) throws Exception {
        long bytes = 0;
        boolean found = false;
        try (var stores = Files.list(REPO.resolve(".run/flink/blobs/taskmanager"))) {
            for (Path store : stores.toList()) {
                Path job = store.resolve("job_" + jobId);
                if (Files.isDirectory(job)) {
                    found = true;
                    try (var files = Files.walk(job)) {
                        for (Path f : files.filter(Files::isRegularFile).toList()) {
                            bytes += Files.size(f);
                        }
                    }
                }
            }
        }
        assertTrue(found, "the TaskManager's blob cache has a directory for job " + jobId);
        return bytes;
    }

    private static List<JsonNode> heavyStages(Path summary) throws Exception {
        List<JsonNode> out = new ArrayList<>();
        Json.mapper().readTree(summary.toFile()).path("tasks").forEach(t -> {
            if (t.path("details").has("flink-job-id")) {
                out.add(t);
            }
        });
        return out;
    }

    private static String sha256(Path file) throws Exception {
        java.security.MessageDigest digest = java.security.MessageDigest.getInstance("SHA-256");
        try (var in = Files.newInputStream(file)) {
            byte[] buffer = new byte[1 << 16];
            for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
                digest.update(buffer, 0, n);
            }
        }
        return java.util.HexFormat.of().formatHex(digest.digest());
    }
}
