package io.cascata.archetype;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import java.util.jar.JarFile;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * The starter as a user meets it: generate a project from the archetype, build it with its tests,
 * run its job from the shaded jar on Flink {@code [local]} (the default) and on the DirectRunner.
 *
 * <p>Everything runs offline against a private local repository in {@code target/it}: Cascata's
 * artifacts from this build are copied into it (the shared local repository is never written),
 * and everything else is copied on demand from the build's own local repository, which the
 * private one sees as a {@code file:} mirror. The generated project is deleted afterwards.
 */
class StarterIT {

    private static final String VERSION = System.getProperty("cascata.version");
    private static final Path CHECKOUT = Path.of(System.getProperty("cascata.checkout")).toAbsolutePath().normalize();
    private static final Path IT = Path.of(System.getProperty("it.directory")).toAbsolutePath();

    @Test
    void aGeneratedProjectBuildsPassesItsTestsAndRunsItsJobOnFlinkAndOnTheDirectRunner() throws Exception {
        Path repository = IT.resolve("repository");
        installCascata(repository);
        Path settings = writeSettings(Path.of(System.getProperty("seed.repository")));
        Files.createDirectories(IT);
        Path work = Files.createTempDirectory(IT, "project-");
        try {
            // Every process here keeps its temporary files (Flink's, the tests' directories) under target/.
            Path tmp = Files.createDirectories(work.resolve("tmp"));
            Maven maven = new Maven(settings, repository, tmp);
            maven.run(work, "org.apache.maven.plugins:maven-archetype-plugin:" + System.getProperty("archetype.plugin.version")
                    + ":generate", "-DarchetypeGroupId=io.cascata", "-DarchetypeArtifactId=cascata-archetype",
                    "-DarchetypeVersion=" + VERSION, "-DgroupId=com.acme", "-DartifactId=my-pipeline");
            Path project = work.resolve("my-pipeline");
            assertTrue(Files.isRegularFile(project.resolve("src/main/java/com/acme/CountWords.java")), "the package follows the groupId");

            // Compiles with the task-index processor, runs the project's tests (the stage on both
            // runners, the graph, the command line), and shades the runnable jar.
            String build = maven.run(project, "verify");
            assertTrue(build.contains("Tests run: 5, Failures: 0, Errors: 0, Skipped: 0"), build);
            Path jar = project.resolve("target/my-pipeline.jar");
            assertTrue(Files.isRegularFile(jar), build);
            assertEquals("1.19.3", bundledProperty(jar, ".flink-runtime.version.properties", "project.version"),
                    "Flink as the BOM pins it, not Beam's 1.19.0");
            assertEquals("3.18.0", bundledProperty(jar, "META-INF/maven/org.apache.commons/commons-lang3/pom.properties", "version"),
                    "commons-lang3 as the BOM pins it");

            String expected = topWords(project.resolve("data/words.txt"), 5);
            Result flink = java(project, "-Djava.io.tmpdir=" + tmp, "-jar", jar.toString());
            assertEquals(0, flink.exitCode(), flink.err());
            assertTrue(flink.out().contains("* 1 complete ones were encountered:\n    - 1 InputFile(path=data/words.txt)\n"
                    + "* 2 ran successfully:\n    - 1 CountWords(input=data/words.txt)\n"
                    + "    - 1 WordReport(input=data/words.txt, top=5, output=output/word-report.txt)\n"), flink.out());
            assertTrue(flink.out().contains("    - CountWords(input=data/words.txt) on FlinkRunner [local]"), flink.out());
            assertEquals(expected, Files.readString(project.resolve("output/word-report.txt")));

            Result direct = java(project, "-Djava.io.tmpdir=" + tmp, "-jar", jar.toString(), "--runner=DirectRunner", "--workspace", "workspace-direct",
                    "--output", "output/direct.txt");
            assertEquals(0, direct.exitCode(), direct.err());
            assertTrue(direct.out().contains("    - CountWords(input=data/words.txt) on DirectRunner"), direct.out());
            assertEquals(expected, Files.readString(project.resolve("output/direct.txt")));
        } finally {
            deleteTree(work);
        }
    }

    /** Copies this build's Cascata poms and jars into the private repository, as {@code mvn install} lays them out. */
    private static void installCascata(Path repository) throws IOException {
        deleteTree(repository.resolve("io/cascata"));
        install(repository, "cascata-parent", CHECKOUT.resolve("pom.xml"), null);
        install(repository, "cascata-bom", CHECKOUT.resolve("bom/pom.xml"), null);
        for (String module : List.of("core", "targets-hdfs", "beam-adapter", "testing")) {
            Path dir = CHECKOUT.resolve(module);
            install(repository, "cascata-" + module, dir.resolve("pom.xml"), dir.resolve("target/cascata-" + module + "-" + VERSION + ".jar"));
        }
        install(repository, "cascata-archetype", CHECKOUT.resolve("archetype/pom.xml"), Path.of(System.getProperty("archetype.jar")));
    }

    private static void install(Path repository, String artifactId, Path pom, Path jar) throws IOException {
        Path dir = Files.createDirectories(repository.resolve("io/cascata/" + artifactId + "/" + VERSION));
        Files.copy(pom, dir.resolve(artifactId + "-" + VERSION + ".pom"), StandardCopyOption.REPLACE_EXISTING);
        if (jar != null) {
            assertTrue(Files.isRegularFile(jar), jar + " is missing: build the whole project (mvn verify from the root)");
            Files.copy(jar, dir.resolve(artifactId + "-" + VERSION + ".jar"), StandardCopyOption.REPLACE_EXISTING);
        }
    }

    /** Settings whose only repository is the seed, a local repository read as a {@code file:} mirror. */
    private static Path writeSettings(Path seed) throws IOException {
        Path settings = IT.resolve("settings.xml");
        Files.createDirectories(IT);
        Files.writeString(settings, """
                <settings>
                  <mirrors>
                    <mirror>
                      <id>seed</id>
                      <mirrorOf>*</mirrorOf>
                      <url>%s</url>
                    </mirror>
                  </mirrors>
                </settings>
                """.formatted(seed.toAbsolutePath().toUri()));
        return settings;
    }

    /** Maven in offline mode, but for {@code file:} repositories: no network, whatever the project asks for. */
    private record Maven(Path settings, Path repository, Path tmp) {
        String run(Path dir, String... args) throws Exception {
            List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("maven.home"), "bin", "mvn").toString(),
                    "-B", "-o", "-Daether.offline.protocols=file", "-s", settings.toString(),
                    "-Dmaven.repo.local=" + repository, "-DargLine=-Djava.io.tmpdir=" + tmp));
            command.addAll(List.of(args));
            Result result = exec(command, dir, 15);
            assertEquals(0, result.exitCode(), "mvn " + String.join(" ", args) + " failed:\n" + tail(result.out()));
            return result.out();
        }
    }

    private static Result java(Path dir, String... args) throws Exception {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(List.of(args));
        return exec(command, dir, 5);
    }

    /** What a process printed and returned. */
    private record Result(int exitCode, String out, String err) {
    }

    private static Result exec(List<String> command, Path dir, int minutes) throws Exception {
        Path streams = Files.createTempDirectory(IT, "process-");
        try {
            ProcessBuilder builder = new ProcessBuilder(command).directory(dir.toFile())
                    .redirectOutput(streams.resolve("out").toFile()).redirectError(streams.resolve("err").toFile());
            builder.environment().remove("CASCATA_CONFIG");
            Process process = builder.start();
            if (!process.waitFor(minutes, TimeUnit.MINUTES)) {
                process.descendants().forEach(ProcessHandle::destroyForcibly);
                process.destroyForcibly().waitFor();
                throw new AssertionError(String.join(" ", command) + " did not finish in " + minutes + " minutes:\n"
                        + tail(Files.readString(streams.resolve("out"))));
            }
            return new Result(process.exitValue(), Files.readString(streams.resolve("out")), Files.readString(streams.resolve("err")));
        } finally {
            deleteTree(streams);
        }
    }

    /** A property of a properties file bundled into a shaded jar, such as a dependency's version. */
    private static String bundledProperty(Path jar, String resource, String key) throws IOException {
        try (JarFile file = new JarFile(jar.toFile())) {
            var entry = file.getJarEntry(resource);
            if (entry == null) {
                return "none";
            }
            Properties properties = new Properties();
            try (InputStream in = file.getInputStream(entry)) {
                properties.load(in);
            }
            return properties.getProperty(key);
        }
    }

    /** The report the job must write, counted here in plain Java. */
    private static String topWords(Path text, int top) throws IOException {
        Map<String, Long> counts = new LinkedHashMap<>();
        for (String line : Files.readAllLines(text)) {
            for (String word : line.toLowerCase(Locale.ROOT).split("[^\\p{L}]+")) {
                if (!word.isEmpty()) {
                    counts.merge(word, 1L, Long::sum);
                }
            }
        }
        return counts.entrySet().stream()
                .sorted(Comparator.<Map.Entry<String, Long>>comparingLong(e -> -e.getValue()).thenComparing(Map.Entry::getKey))
                .limit(top).map(e -> e.getKey() + "\t" + e.getValue() + "\n").collect(Collectors.joining());
    }

    private static String tail(String log) {
        String[] lines = log.split("\n");
        return Arrays.stream(lines, Math.max(0, lines.length - 80), lines.length).collect(Collectors.joining("\n"));
    }

    private static void deleteTree(Path root) throws IOException {
        if (!Files.exists(root)) {
            return;
        }
        Files.walkFileTree(root, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                Files.delete(file);
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult postVisitDirectory(Path dir, IOException e) throws IOException {
                Files.delete(dir);
                return FileVisitResult.CONTINUE;
            }
        });
    }
}
