package io.cascata.examples;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;
import io.cascata.testing.CommandLineOutcome;
import io.cascata.testing.PipelineTester;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The tutorial's programs, run as a user runs them, with the output the tutorial shows. */
class TutorialTest {

    private static final String BANNER = "===== Cascata Execution Summary =====";
    private static final String HAPPY = "This progress looks :) because there were no failed tasks or missing dependencies";

    @RegisterExtension
    final PipelineTester pipeline = new PipelineTester();

    @Test
    void helloWorldRunsOnceThenFindsItsOutput() throws Exception {
        CommandLineOutcome first = pipeline.commandLine("helloworld.AddExclamationMark", "--local-scheduler");
        assertEquals(0, first.exitCode(), first.err());
        assertEquals("\n" + BANNER + "\n\n"
                + "Scheduled 2 tasks of which:\n"
                + "* 2 ran successfully:\n"
                + "    - 1 AddExclamationMark()\n"
                + "    - 1 OutputHelloWorld()\n"
                + "\n" + HAPPY + "\n\n" + BANNER + "\n", first.out());
        assertEquals("Hello world", Files.readString(pipeline.directory().resolve("output/hello_world.txt")));
        assertEquals("Hello world!!", Files.readString(pipeline.directory().resolve("output/hello_world!!.txt")));

        CommandLineOutcome second = pipeline.commandLine("helloworld.AddExclamationMark", "--local-scheduler");
        assertEquals(0, second.exitCode(), second.err());
        assertEquals("\n" + BANNER + "\n\n"
                + "Scheduled 1 tasks of which:\n"
                + "* 1 complete ones were encountered:\n"
                + "    - 1 AddExclamationMark()\n"
                + "\nDid not run any tasks\n" + HAPPY + "\n\n" + BANNER + "\n", second.out());
    }

    @Test
    void onlyTheMissingTaskRuns() throws Exception {
        assertEquals(0, pipeline.commandLine("OutputHelloWorld").exitCode());
        CommandLineOutcome result = pipeline.commandLine("helloworld.AddExclamationMark");
        assertTrue(result.out().contains("* 1 complete ones were encountered:\n    - 1 OutputHelloWorld()\n"
                + "* 1 ran successfully:\n    - 1 AddExclamationMark()\n"), result.out());
    }

    @Test
    void parameterFromTheCommandLineAndAFixedPathThatDoesNotRerun() throws Exception {
        CommandLineOutcome first = pipeline.commandLine("passparameter.AddExclamationMark", "--param", "m3 tech blog");
        assertEquals(0, first.exitCode(), first.err());
        assertTrue(first.out().contains("* 2 ran successfully:\n"
                + "    - 1 AddExclamationMark(param=m3 tech blog)\n"
                + "    - 1 OutputParameter(param=m3 tech blog)\n"), first.out());
        assertEquals("m3 tech blog!!", Files.readString(pipeline.directory().resolve("output/pass_parameter!!.txt")));

        // As in the tutorial: the path does not follow the parameter, so nothing runs.
        CommandLineOutcome second = pipeline.commandLine("passparameter.AddExclamationMark", "--param=m3 eng");
        assertTrue(second.out().contains("Scheduled 1 tasks of which:\n* 1 complete ones were encountered:\n"
                + "    - 1 AddExclamationMark(param=m3 eng)\n\nDid not run any tasks\n"), second.out());
        assertEquals("m3 tech blog!!", Files.readString(pipeline.directory().resolve("output/pass_parameter!!.txt")));
    }

    @Test
    void parameterAwareOutputsRerunWhenTheParameterChanges() throws Exception {
        assertTrue(pipeline.commandLine("VersionedExclamation", "--param", "a").out().contains("* 2 ran successfully:"));
        assertTrue(pipeline.commandLine("VersionedExclamation", "--param", "b").out().contains("* 2 ran successfully:"));
        CommandLineOutcome again = pipeline.commandLine("VersionedExclamation", "--param", "a");
        assertTrue(again.out().contains("Did not run any tasks"), again.out());
        try (var files = Files.list(pipeline.directory().resolve("workspace/VersionedExclamation"))) {
            assertEquals(2, files.filter(p -> !p.getFileName().toString().startsWith(".")).count());
        }
    }

    @Test
    void objectOutputIsReadBack() throws Exception {
        CommandLineOutcome result = pipeline.commandLine("ReadObject", "--local-scheduler", "--log-level=ERROR");
        assertEquals(0, result.exitCode(), result.err());
        assertEquals("{text=hello world}\n", result.out());
        assertEquals("{\"text\":\"hello world\"}", Files.readString(pipeline.directory().resolve("output/hello_world.json")));
    }

    @Test
    void gzipOutputIsCompressedAndReadBack() throws Exception {
        CommandLineOutcome result = pipeline.commandLine("ReadGZip", "--log-level=ERROR");
        assertEquals(0, result.exitCode(), result.err());
        assertEquals("[Hello world]\n", result.out());
        byte[] stored = Files.readAllBytes(pipeline.directory().resolve("output/hello_world.gz"));
        assertArrayEquals(new byte[] {(byte) 0x1f, (byte) 0x8b}, Arrays.copyOf(stored, 2));
    }

    @Test
    void wrapperTaskRunsItsRequirementsAndIsThenComplete() throws Exception {
        CommandLineOutcome first = pipeline.commandLine("RunOtherTask");
        assertTrue(first.out().contains("* 3 ran successfully:\n    - 1 OutputGZip()\n    - 1 OutputHelloWorld()\n"
                + "    - 1 RunOtherTask()\n"), first.out());
        CommandLineOutcome second = pipeline.commandLine("RunOtherTask");
        assertTrue(second.out().contains("Scheduled 1 tasks of which:\n* 1 complete ones were encountered:\n"
                + "    - 1 RunOtherTask()\n"), second.out());
    }

    @Test
    void settingsComeFromTheConfigWithEnvironmentVariables() throws Exception {
        Path config = Path.of("conf/sample.cfg").toAbsolutePath();
        CommandLineOutcome result = pipeline.commandLine(Map.of("PARAM_TEST", "test"), "ReadSettings", "--config", config.toString());
        assertEquals(0, result.exitCode(), result.err());
        assertTrue(result.out().contains("    - 1 ReadSettings(param=test)\n"), result.out());
        assertEquals("test", Files.readString(pipeline.directory().resolve("output/read_settings.txt")));

        CommandLineOutcome fromConfig = pipeline.commandLine(Map.of("PARAM_TEST", "x"), "OutputParameter", "--config", config.toString());
        assertTrue(fromConfig.out().contains("    - 1 OutputParameter(param=Hi!!)\n"), fromConfig.out());
    }

    @Test
    void anUnsetEnvironmentVariableIsAClearErrorAndNothingRuns() throws Exception {
        Path config = Path.of("conf/sample.cfg").toAbsolutePath();
        CommandLineOutcome result = pipeline.commandLine("ReadSettings", "--config", config.toString());
        assertEquals(2, result.exitCode());
        assertTrue(result.err().contains("PARAM_TEST"), result.err());
        assertTrue(result.err().contains("[ReadSettings]"), result.err());
        assertFalse(Files.exists(pipeline.directory().resolve("output")));
    }

    @Test
    void depsTreeShowsEachTaskStateAndRunsNothing() throws Exception {
        pipeline.commandLine("OutputParameter", "--param", "hello");
        CommandLineOutcome tree = pipeline.commandLine("passparameter.AddExclamationMark", "--param", "hello", "--deps-tree");
        assertEquals(0, tree.exitCode(), tree.err());
        assertEquals("└─--[AddExclamationMark(param=hello) (PENDING)]\n"
                + "   └─--[OutputParameter(param=hello) (COMPLETE)]\n", tree.out());
        assertFalse(Files.exists(pipeline.directory().resolve("output/pass_parameter!!.txt")));
    }

    @Test
    void processingTimeHandlerLogsEachRun() throws Exception {
        CommandLineOutcome result = pipeline.commandLine("TimedHello", "--work", "50ms");
        assertEquals(0, result.exitCode(), result.err());
        assertTrue(result.err().contains("processing time: 0.0"), result.err());
    }

    @Test
    void fanInSumsItsLeaves() throws Exception {
        CommandLineOutcome result = pipeline.commandLine("FanIn", "--n", "100", "--workers", "2");
        assertEquals(0, result.exitCode(), result.err());
        assertTrue(result.out().contains("Scheduled 111 tasks of which:\n* 111 ran successfully:\n"
                + "    - 1 FanIn(n=100, dir=output/fanin)\n"
                + "    - 100 Leaf(i=0...99, dir=output/fanin)\n"
                + "    - 10 Mid(g=0...9, dir=output/fanin)\n"), result.out());
        assertEquals(Integer.toString(99 * 100 / 2), Files.readString(pipeline.directory().resolve("output/fanin/fanin-100.txt")));
    }

    @Test
    void aBadParameterValueNamesTaskParameterTypeAndValue() throws Exception {
        CommandLineOutcome result = pipeline.commandLine("FanIn", "--n", "ten");
        assertEquals(2, result.exitCode());
        assertTrue(result.err().contains("task FanIn, parameter 'n' (int): cannot use value 'ten'"), result.err());
        assertEquals("", result.out());
    }

    @Test
    void helpListsFamiliesAndParameters() throws Exception {
        CommandLineOutcome all = pipeline.commandLine("--help");
        assertEquals(0, all.exitCode());
        assertTrue(all.out().contains("  FanIn  (n (int), dir (String))"), all.out());
        assertTrue(all.out().contains("  helloworld.AddExclamationMark"), all.out());
        CommandLineOutcome one = pipeline.commandLine("FanIn", "--help");
        assertTrue(one.out().contains("--n int       number of leaves, a positive multiple of 10 (required)"), one.out());
        assertTrue(one.out().contains("--dir String  output directory [default: output/fanin]"), one.out());
    }

    @Test
    void generalHelpListsNoFamilysParametersAndUnknownOrAmbiguousFamiliesAreErrors() {
        CommandLineOutcome all = pipeline.commandLine("--help");
        assertFalse(all.out().contains("--rows"), "the default task's parameters are not global options:\n" + all.out());
        assertFalse(all.out().contains("Shout"), "benchmark helpers are not part of the jar:\n" + all.out());

        CommandLineOutcome unknown = pipeline.commandLine("NoSuchFamily", "--help");
        assertEquals(2, unknown.exitCode());
        assertTrue(unknown.err().startsWith("error: unknown task family 'NoSuchFamily'"), unknown.err());
        CommandLineOutcome ambiguous = pipeline.commandLine("AddExclamationMark", "--help");
        assertEquals(2, ambiguous.exitCode());
        assertTrue(ambiguous.err().startsWith("error: task family 'AddExclamationMark' is ambiguous"), ambiguous.err());
        assertEquals("", ambiguous.out());
    }
}
