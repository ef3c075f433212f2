package io.cascata.core.summary;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cascata.core.ExternalTask;
import io.cascata.core.Param;
import io.cascata.core.Task;
import io.cascata.core.config.CascataConfig;
import io.cascata.core.config.ConfigException;
import io.cascata.core.run.Driver;
import io.cascata.core.run.PendingReason;
import io.cascata.core.run.RunResult;
import io.cascata.core.run.TaskOutcome;
import io.cascata.core.settings.Settings;
import io.cascata.core.targets.LocalTarget;
import io.cascata.core.time.DateHour;
import io.cascata.core.time.DateMinute;
import java.io.IOException;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The cases of Luigi's own summary tests ({@code test/execution_summary_test.py}), each a real
 * run of the same graph in Cascata, with the lines Luigi expects (in Cascata's banner). Every
 * task writes a file named after its id into the test's directory, an insignificant parameter
 * that stays out of the summary.
 */
class LuigiSummaryRulesTest {

    @TempDir
    Path tmp;

    /** A task that is done once it has run: it writes a file named after its id. */
    interface RunOnce extends Task {
        String dir();

        @Override
        default LocalTarget output() {
            return LocalTarget.of(dir() + "/" + id().value() + ".txt");
        }

        @Override
        default void run() throws IOException {
            output().writeText("done");
        }
    }

    private RunResult run(Task root) {
        return Driver.builder().config(CascataConfig.empty()).build().run(root);
    }

    private String dir() {
        return tmp.toString();
    }

    private static String summary(String... lines) {
        return "\n===== Cascata Execution Summary =====\n\n" + String.join("\n", lines)
                + "\n\n===== Cascata Execution Summary =====\n";
    }

    /**
     * The summary without the lines Cascata adds to Luigi's: where a missing input was looked for
     * (under the missing external dependencies) and the "Why tasks failed:" block.
     */
    private static String luigiPart(String summary) {
        StringBuilder out = new StringBuilder();
        boolean why = false;
        for (String line : summary.split("\n", -1)) {
            if (line.equals("Why tasks failed:")) {
                why = true;
                continue;
            }
            if (why && line.startsWith("    - ")) {
                continue;
            }
            why = false;
            if (line.startsWith("            missing: ")) {
                continue;
            }
            out.append(line).append('\n');
        }
        return out.substring(0, out.length() - 1);
    }

    private static Set<String> pendingFor(RunResult result, PendingReason reason) {
        return result.outcomes().stream().filter(o -> o.reasons().contains(reason)).map(o -> o.id().display())
                .collect(Collectors.toSet());
    }

    // ---- test_all_statuses ---------------------------------------------------------------------

    static final class AllStatuses {
        record Bar(@Param(significant = false) String dir, int num) implements RunOnce {
            @Override
            public boolean complete() {
                return num == 1 || RunOnce.super.complete();
            }

            @Override
            public void run() throws IOException {
                if (num == 0) {
                    throw new IllegalStateException("Bar 0 fails");
                }
                RunOnce.super.run();
            }
        }

        record Foo(@Param(significant = false) String dir) implements RunOnce {
            @Override
            public List<Bar> requires() {
                List<Bar> bars = new ArrayList<>();
                for (int i = 0; i < 5; i++) {
                    bars.add(new Bar(dir, i));
                }
                return bars;
            }
        }
    }

    @Test
    void allStatuses() {
        RunResult result = run(new AllStatuses.Foo(dir()));
        assertEquals(summary(
                "Scheduled 6 tasks of which:",
                "* 1 complete ones were encountered:",
                "    - 1 Bar(num=1)",
                "* 3 ran successfully:",
                "    - 3 Bar(num=2,3,4)",
                "* 1 failed:",
                "    - 1 Bar(num=0)",
                "* 1 were left pending, among these:",
                "    * 1 had failed dependencies:",
                "        - 1 Foo()",
                "",
                "This progress looks :( because there were failed tasks"), luigiPart(ExecutionSummary.render(result)));
    }

    // ---- test_check_complete_error and test_deps_error -----------------------------------------

    static final class CompleteError {
        record Bar(@Param(significant = false) String dir) implements RunOnce {
            @Override
            public boolean complete() {
                throw new IllegalStateException("cannot tell");
            }
        }

        record Foo(@Param(significant = false) String dir) implements RunOnce {
            @Override
            public Bar requires() {
                return new Bar(dir);
            }
        }
    }

    @Test
    void checkCompleteError() {
        RunResult result = run(new CompleteError.Foo(dir()));
        assertEquals(summary(
                "Scheduled 2 tasks of which:",
                "* 1 failed scheduling:",
                "    - 1 Bar()",
                "* 1 were left pending, among these:",
                "    * 1 had dependencies whose scheduling failed:",
                "        - 1 Foo()",
                "",
                "Did not run any tasks",
                "This progress looks :( because there were tasks whose scheduling failed"), luigiPart(ExecutionSummary.render(result)));
    }

    static final class DepsError {
        record Foo(@Param(significant = false) String dir) implements RunOnce {
            @Override
            public Object requires() {
                throw new IllegalStateException("no requirements today");
            }
        }
    }

    @Test
    void depsError() {
        RunResult result = run(new DepsError.Foo(dir()));
        assertEquals(summary(
                "Scheduled 1 tasks of which:",
                "* 1 failed scheduling:",
                "    - 1 Foo()",
                "",
                "Did not run any tasks",
                "This progress looks :( because there were tasks whose scheduling failed"), luigiPart(ExecutionSummary.render(result)));
    }

    // ---- test_config_summary_limit ---------------------------------------------------------------

    static final class Limit {
        interface Present extends RunOnce {
            @Override
            default boolean complete() {
                return true;
            }
        }

        record Bar(@Param(significant = false) String dir, int num) implements Present {
        }

        record Biz(@Param(significant = false) String dir, int num) implements Present {
        }

        record Bat(@Param(significant = false) String dir, int num) implements Present {
        }

        record Wut(@Param(significant = false) String dir, int num) implements Present {
        }

        record Foo(@Param(significant = false) String dir) implements RunOnce {
            @Override
            public List<Task> requires() {
                List<Task> all = new ArrayList<>(List.of(new Bat(dir, 1), new Wut(dir, 1), new Biz(dir, 1)));
                for (int i = 0; i < 4; i++) {
                    all.add(new Bar(dir, i));
                }
                return all;
            }
        }
    }

    @Test
    void summaryLengthFromTheConfigLimitsTheFamiliesOfAGroup() {
        int length = Settings.read(SummarySettings.class,
                CascataConfig.of(Map.of("execution_summary", Map.of("summary_length", "1")), name -> null)).summaryLength();
        assertEquals(1, length);
        RunResult result = run(new Limit.Foo(dir()));
        assertEquals(summary(
                "Scheduled 8 tasks of which:",
                "* 7 complete ones were encountered:",
                "    - 4 Bar(num=0...3)",
                "    ...",
                "* 1 ran successfully:",
                "    - 1 Foo()",
                "",
                "This progress looks :) because there were no failed tasks or missing dependencies"),
                ExecutionSummary.render(result, length));
        String all = ExecutionSummary.render(result, 0);
        assertTrue(all.contains("    - 1 Bat(num=1)\n    - 1 Biz(num=1)\n    - 1 Wut(num=1)\n"), all);
        assertFalse(all.contains("    ...\n"), all);
    }

    @Test
    void aNegativeSummaryLengthIsABadConfig() {
        ConfigException e = assertThrows(ConfigException.class, () -> Settings.read(SummarySettings.class,
                CascataConfig.of(Map.of("execution_summary", Map.of("summary-length", "-1")), name -> null)));
        assertTrue(e.getMessage().contains("section [execution_summary], key 'summary-length' (int): cannot use value '-1': "
                + "must be at least 0"), e.getMessage());
    }

    // ---- test_upstream_not_running ---------------------------------------------------------------

    static final class Upstream {
        record ExternalBar(@Param(significant = false) String dir, int num) implements ExternalTask {
            @Override
            public LocalTarget output() {
                return LocalTarget.of(dir + "/never-there.txt");
            }

            @Override
            public boolean complete() {
                return num == 1;
            }
        }

        record Bar(@Param(significant = false) String dir, int num) implements RunOnce {
            @Override
            public void run() throws IOException {
                if (num == 0) {
                    throw new IllegalStateException("Bar 0 fails");
                }
                RunOnce.super.run();
            }
        }

        record Foo(@Param(significant = false) String dir) implements RunOnce {
            @Override
            public List<Task> requires() {
                List<Task> all = new ArrayList<>();
                for (int i = 0; i < 5; i++) {
                    all.add(new ExternalBar(dir, i));
                    all.add(new Bar(dir, i));
                }
                return all;
            }
        }
    }

    @Test
    void aPendingTaskIsListedUnderEveryReasonThatApplies() {
        RunResult result = run(new Upstream.Foo(dir()));
        String s = luigiPart(ExecutionSummary.render(result));
        assertTrue(s.contains("\n* 1 complete ones were encountered:\n    - 1 ExternalBar(num=1)\n"), s);
        assertTrue(s.contains("\n* 4 ran successfully:\n    - 4 Bar(num=1...4)\n"), s);
        assertTrue(s.contains("\n* 1 failed:\n    - 1 Bar(num=0)\n"), s);
        assertTrue(s.contains("\n* 5 were left pending, among these:\n    * 4 were missing external dependencies:\n"
                + "        - 4 ExternalBar(num=0,2,3,4)\n"), s);
        assertTrue(s.contains("\n    * 1 had failed dependencies:\n"
                + "        - 1 Foo()\n"
                + "    * 1 had missing dependencies:\n"
                + "        - 1 Foo()\n\n"
                + "This progress looks :( because there were failed tasks\n"), s);
        assertFalse(s.contains("\n\n\n"), s);
    }

    // ---- test_larger_tree -------------------------------------------------------------------------

    static final class Larger {
        record Cat(@Param(significant = false) String dir, int num) implements RunOnce {
            @Override
            public boolean complete() {
                return num == 1 || RunOnce.super.complete();
            }

            @Override
            public void run() throws IOException {
                if (num == 2) {
                    throw new IllegalStateException("Cat 2 fails");
                }
                RunOnce.super.run();
            }
        }

        record Dog(@Param(significant = false) String dir) implements RunOnce {
            @Override
            public Cat requires() {
                return new Cat(dir, 2);
            }
        }

        record ExternalBar(@Param(significant = false) String dir) implements ExternalTask {
            @Override
            public LocalTarget output() {
                return LocalTarget.of(dir + "/never-there.txt");
            }
        }

        record Bar(@Param(significant = false) String dir, int num) implements RunOnce {
            @Override
            public List<Task> requires() {
                return switch (num) {
                    case 0 -> List.of(new ExternalBar(dir), new Cat(dir, 0));
                    case 1 -> List.of(new Cat(dir, 0), new Cat(dir, 1));
                    default -> List.of(new Dog(dir));
                };
            }
        }

        record Foo(@Param(significant = false) String dir) implements RunOnce {
            @Override
            public List<Bar> requires() {
                return List.of(new Bar(dir, 0), new Bar(dir, 1), new Bar(dir, 2));
            }
        }
    }

    @Test
    void largerTree() {
        RunResult result = run(new Larger.Foo(dir()));
        assertEquals(Set.of("Dog()", "Bar(num=2)", "Foo()"), pendingFor(result, PendingReason.UPSTREAM_FAILURE));
        assertEquals(Set.of("Bar(num=0)", "Foo()"), pendingFor(result, PendingReason.UPSTREAM_MISSING_DEPENDENCY));
        String s = luigiPart(ExecutionSummary.render(result));
        assertTrue(s.contains("* 5 were left pending, among these:\n"
                + "    * 1 were missing external dependencies:\n        - 1 ExternalBar()\n"
                + "    * 3 had failed dependencies:\n        - 1 Bar(num=2)\n        - 1 Dog()\n        - 1 Foo()\n"
                + "    * 2 had missing dependencies:\n        - 1 Bar(num=0)\n        - 1 Foo()\n"), s);
        assertFalse(s.contains("\n\n\n"), s);
    }

    // ---- ranges of counted values ------------------------------------------------------------------

    static final class Minutes {
        record Bar(@Param(significant = false) String dir, DateMinute time) implements RunOnce {
        }

        record Foo(@Param(significant = false) String dir) implements RunOnce {
            @Override
            public List<Bar> requires() {
                List<Bar> all = new ArrayList<>();
                DateMinute start = new DateMinute(LocalDateTime.of(1998, 3, 23, 1, 50));
                for (int i = 0; i < 300; i++) {
                    all.add(new Bar(dir, start.plusMinutes(i)));
                }
                return all;
            }
        }
    }

    @Test
    void withRangesMinutes() {
        String s = ExecutionSummary.render(run(new Minutes.Foo(dir())));
        assertTrue(s.contains("- 300 Bar(time=1998-03-23T0150...1998-03-23T0649)"), s);
        assertFalse(s.contains("\n\n\n"), s);
    }

    static final class OneParam {
        record Bar(@Param(significant = false) String dir, int num) implements RunOnce {
        }

        record Foo(@Param(significant = false) String dir, List<Integer> nums) implements RunOnce {
            @Override
            public List<Bar> requires() {
                return nums.stream().map(n -> new Bar(dir, n)).toList();
            }
        }
    }

    private static List<Integer> between(int from, int to, int step) {
        List<Integer> out = new ArrayList<>();
        for (int i = from; i < to; i += step) {
            out.add(i);
        }
        return out;
    }

    @Test
    void withRangesOneParam() {
        String s = ExecutionSummary.render(run(new OneParam.Foo(dir(), between(0, 11, 1))));
        assertTrue(s.contains("    - 11 Bar(num=0...10)\n"), s);
    }

    @Test
    void oneParameterListsValuesInTextOrderUntilTheLineIsLongEnough() {
        // Luigi lists at least three values and stops once the list reaches 30 characters.
        String s = ExecutionSummary.render(run(new OneParam.Foo(dir(), between(0, 41, 2))));
        assertTrue(s.contains("    - 21 Bar(num=0,10,12,14,16,18,2,20,22,24,26,...)\n"), s);
        // A run of three is listed, not collapsed: Luigi collapses only past three values.
        String three = ExecutionSummary.render(run(new OneParam.Foo(dir(), List.of(100, 101, 102))));
        assertTrue(three.contains("    - 3 Bar(num=100,101,102)\n"), three);
    }

    static final class Multiple {
        record Bar(@Param(significant = false) String dir, int num1, int num2, int num3) implements RunOnce {
        }

        record Foo(@Param(significant = false) String dir) implements RunOnce {
            @Override
            public List<Bar> requires() {
                List<Bar> all = new ArrayList<>();
                for (int i = 0; i < 5; i++) {
                    all.add(new Bar(dir, 5, i, 25));
                }
                return all;
            }
        }
    }

    @Test
    void withRangesMultipleParams() {
        String s = ExecutionSummary.render(run(new Multiple.Foo(dir())));
        assertTrue(s.contains("    - 5 Bar(num1=5, num2=0...4, num3=25)\n"), s);
    }

    static final class TwoParams {
        record Bar(@Param(significant = false) String dir, int num, int num2) implements RunOnce {
        }

        record Foo(@Param(significant = false) String dir, int count) implements RunOnce {
            @Override
            public List<Bar> requires() {
                List<Bar> all = new ArrayList<>();
                for (int i = 0; i < count; i++) {
                    all.add(new Bar(dir, i, 2 * i));
                }
                return all;
            }
        }
    }

    @Test
    void withTwoTasks() {
        assertEquals(summary(
                "Scheduled 3 tasks of which:",
                "* 3 ran successfully:",
                "    - 2 Bar(num=0, num2=0) and Bar(num=1, num2=2)",
                "    - 1 Foo(count=2)",
                "",
                "This progress looks :) because there were no failed tasks or missing dependencies"),
                ExecutionSummary.render(run(new TwoParams.Foo(dir(), 2))));
    }

    @Test
    void multipleParamsMultipleSameTaskFamily() {
        assertEquals(summary(
                "Scheduled 5 tasks of which:",
                "* 5 ran successfully:",
                "    - 4 Bar(num=0, num2=0) ...",
                "    - 1 Foo(count=4)",
                "",
                "This progress looks :) because there were no failed tasks or missing dependencies"),
                ExecutionSummary.render(run(new TwoParams.Foo(dir(), 4))));
    }

    static final class LongName {
        record Bar(@Param(significant = false) String dir,
                int This_is_a_really_long_parameter_that_we_should_not_print_out_because_people_will_get_annoyed)
                implements RunOnce {
        }

        record Foo(@Param(significant = false) String dir) implements RunOnce {
            @Override
            public Bar requires() {
                return new Bar(dir, 0);
            }
        }
    }

    @Test
    void reallyLongParamName() {
        String s = ExecutionSummary.render(run(new LongName.Foo(dir())));
        assertTrue(s.contains("    - 1 Bar(...)\n"), s);
        assertFalse(s.contains("Did not run any tasks"), s);
    }

    // ---- test_example ------------------------------------------------------------------------------

    static final class Example {
        record MyExternal(@Param(significant = false) String dir) implements ExternalTask {
            @Override
            public LocalTarget output() {
                return LocalTarget.of(dir + "/my-external.txt");
            }
        }

        record Bar(@Param(significant = false) String dir, int num) implements RunOnce {
            @Override
            public boolean complete() {
                return true;
            }
        }

        record Boom(@Param(significant = false) String dir,
                int this_is_a_really_long_I_mean_way_too_long_and_annoying_parameter) implements RunOnce {
            @Override
            public List<Bar> requires() {
                List<Bar> all = new ArrayList<>();
                for (int i = 5; i < 200; i++) {
                    all.add(new Bar(dir, i));
                }
                return all;
            }
        }

        record Foo(@Param(significant = false) String dir, int num, int num2) implements RunOnce {
            @Override
            public List<Task> requires() {
                return List.of(new MyExternal(dir), new Boom(dir, 0));
            }
        }

        record DateTask(@Param(significant = false) String dir, LocalDate date, int num) implements RunOnce {
            @Override
            public List<Task> requires() {
                return List.of(new MyExternal(dir), new Boom(dir, 0));
            }
        }

        record EntryPoint(@Param(significant = false) String dir) implements RunOnce {
            @Override
            public List<Task> requires() {
                List<Task> all = new ArrayList<>();
                for (int i = 0; i < 10; i++) {
                    all.add(new Foo(dir, 100, 2 * i));
                }
                for (int i = 0; i < 10; i++) {
                    all.add(new DateTask(dir, LocalDate.of(1998, 3, 23).plusDays(i), 5));
                }
                return all;
            }
        }
    }

    @Test
    void example() {
        assertEquals(summary(
                "Scheduled 218 tasks of which:",
                "* 195 complete ones were encountered:",
                "    - 195 Bar(num=5...199)",
                "* 1 ran successfully:",
                "    - 1 Boom(...)",
                "* 22 were left pending, among these:",
                "    * 1 were missing external dependencies:",
                "        - 1 MyExternal()",
                "    * 21 had missing dependencies:",
                "        - 10 DateTask(date=1998-03-23...1998-04-01, num=5)",
                "        - 1 EntryPoint()",
                "        - 10 Foo(num=100, num2=0) ...",
                "",
                "This progress looks :| because there were missing external dependencies"),
                luigiPart(ExecutionSummary.render(run(new Example.EntryPoint(dir())))));
    }

    // ---- dates, date-hours, months, enums, maps, no tasks run -----------------------------------------

    static final class Dated {
        record Day(@Param(significant = false) String dir, LocalDate date) implements RunOnce {
        }

        record Hour(@Param(significant = false) String dir, DateHour datehour) implements RunOnce {
        }

        record Month(@Param(significant = false) String dir, YearMonth month) implements RunOnce {
        }

        enum Color { red, yellow }

        record Colored(@Param(significant = false) String dir, Color eparam) implements RunOnce {
        }

        record Args(@Param(significant = false) String dir, Map<String, Object> args) implements RunOnce {
        }

        record Foo(@Param(significant = false) String dir) implements RunOnce {
            @Override
            public List<Task> requires() {
                List<Task> all = new ArrayList<>();
                for (int i = 0; i < 10; i++) {
                    all.add(new Day(dir, LocalDate.of(1998, 3, 23).plusDays(i)));
                    all.add(new Hour(dir, DateHour.of(LocalDate.of(1998, 3, 23), 5).plusHours(i)));
                    all.add(new Args(dir, Map.of("start", LocalDate.of(1998, 3, 23).plusDays(i).toString(), "num", 3)));
                }
                for (int i = 0; i < 3; i++) {
                    all.add(new Month(dir, YearMonth.of(1998, 3).plusMonths(i)));
                }
                all.add(new Colored(dir, Color.red));
                all.add(new Colored(dir, Color.yellow));
                return all;
            }
        }
    }

    @Test
    void withDatesDateHoursMonthsEnumsAndMaps() {
        String s = ExecutionSummary.render(run(new Dated.Foo(dir())), 0);
        assertTrue(s.contains("Scheduled 36 tasks"), s);
        assertTrue(s.contains("- 10 Day(date=1998-03-23...1998-04-01)"), s);
        assertTrue(s.contains("- 10 Hour(datehour=1998-03-23T05...1998-03-23T14)"), s);
        assertTrue(s.contains("- 3 Month(month=1998-03,1998-04,1998-05)"), s);
        assertTrue(s.contains("- 2 Colored(eparam=red,yellow)"), s);
        assertTrue(s.contains("\"num\":3"), s);
        assertTrue(s.contains("\"start\":\"1998-0"), s);
        assertFalse(s.contains("00:00:00"), s);
        assertFalse(s.contains("\n\n\n"), s);
    }

    static final class NothingRan {
        record ExternalBar(@Param(significant = false) String dir, int num) implements ExternalTask {
            @Override
            public LocalTarget output() {
                return LocalTarget.of(dir + "/never-there.txt");
            }

            @Override
            public boolean complete() {
                return num == 5;
            }
        }

        record Foo(@Param(significant = false) String dir) implements RunOnce {
            @Override
            public List<ExternalBar> requires() {
                List<ExternalBar> all = new ArrayList<>();
                for (int i = 0; i < 10; i++) {
                    all.add(new ExternalBar(dir, i));
                }
                return all;
            }
        }
    }

    @Test
    void didNotRunAnyTasks() {
        RunResult result = run(new NothingRan.Foo(dir()));
        assertEquals(Set.of("Foo()"), pendingFor(result, PendingReason.UPSTREAM_MISSING_DEPENDENCY));
        String s = luigiPart(ExecutionSummary.render(result));
        assertTrue(s.contains("\n\nDid not run any tasks\nThis progress looks :| because there were missing external dependencies"), s);
        assertFalse(s.contains("\n\n\n"), s);
        TaskOutcome foo = result.outcomes().stream().filter(o -> o.id().family().equals("Foo")).findFirst().orElseThrow();
        assertEquals(Set.of(PendingReason.UPSTREAM_MISSING_DEPENDENCY), foo.reasons());
    }
}
