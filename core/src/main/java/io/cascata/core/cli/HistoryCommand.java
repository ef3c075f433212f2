package io.cascata.core.cli;

import io.cascata.core.config.CascataConfig;
import io.cascata.core.config.ConfigException;
import io.cascata.core.history.AttemptRecord;
import io.cascata.core.history.HistorySettings;
import io.cascata.core.history.RunHistory;
import io.cascata.core.history.RunRecord;
import io.cascata.core.history.TaskRecord;
import io.cascata.core.run.RetCodes;
import io.cascata.core.settings.CoreSettings;
import io.cascata.core.settings.Settings;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Model.PositionalParamSpec;
import picocli.CommandLine.ParseResult;

/**
 * {@code java -jar pipeline.jar history}: the recent runs; {@code history RUN}: one run and its
 * tasks; {@code history --task TASK}: one task's attempts across runs; {@code history RUN --task
 * TASK}: its attempts and log lines in that run. A task is named by its id or as the summary
 * shows it, {@code Family(param=value)}. Exit code 0, {@link RetCodes#USAGE} for a bad command line
 * or a run or task the history does not have, 1 when the history cannot be read.
 */
final class HistoryCommand {

    static final String WORD = "history";
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss").withZone(ZoneOffset.UTC);
    private static final int TASK_LINES = 200;

    private final PrintStream out;
    private final PrintStream err;
    private final Function<String, String> environment;

    HistoryCommand(PrintStream out, PrintStream err, Function<String, String> environment) {
        this.out = out;
        this.err = err;
        this.environment = environment;
    }

    int execute(String... args) {
        CommandLine commandLine = new CommandLine(spec());
        ParseResult parsed;
        try {
            parsed = commandLine.parseArgs(args);
        } catch (CommandLine.ParameterException e) {
            err.println("error: " + e.getMessage());
            err.println("Run 'history --help' for its options.");
            return RetCodes.USAGE;
        }
        if (parsed.isUsageHelpRequested()) {
            out.print(commandLine.getUsageMessage());
            return 0;
        }
        RunHistory history;
        try {
            CascataConfig config = CascataConfig.locate(
                    Optional.ofNullable(parsed.matchedOptionValue("--config", (String) null)).map(Path::of), environment);
            Map<String, Map<String, String>> overrides = new LinkedHashMap<>();
            String dir = parsed.matchedOptionValue("--history-dir", (String) null);
            if (dir != null) {
                overrides.put("history", Map.of("dir", dir));
            }
            String workspace = parsed.matchedOptionValue("--workspace", (String) null);
            if (workspace != null) {
                overrides.put("core", Map.of("workspace", workspace));
            }
            config = config.withOverrides(overrides);
            HistorySettings settings = Settings.read(HistorySettings.class, config);
            history = RunHistory.at(settings.root(Settings.read(CoreSettings.class, config).workspace()));
        } catch (ConfigException | IllegalArgumentException e) {
            err.println("error: " + e.getMessage());
            return RetCodes.USAGE;
        }
        Optional<String> run = Optional.ofNullable(parsed.hasMatchedPositional(0) ? parsed.matchedPositional(0).getValue() : null);
        Optional<String> task = Optional.ofNullable(parsed.matchedOptionValue("--task", (String) null));
        try {
            if (run.isPresent()) {
                Optional<RunRecord> record = history.run(run.get());
                if (record.isEmpty()) {
                    err.println("error: the history at " + history.root() + " has no run " + run.get()
                            + " (run 'history' to list the runs)");
                    return RetCodes.USAGE;
                }
                return task.isPresent() ? taskInRun(history, record.get(), task.get())
                        : showRun(history, record.get(), parsed.hasMatchedOption("--all"));
            }
            if (task.isPresent()) {
                return taskAcrossRuns(history, task.get(), parsed.matchedOptionValue("--limit", 20));
            }
            return listRuns(history, parsed.matchedOptionValue("--limit", 20));
        } catch (IOException | RuntimeException e) {
            err.println("error: cannot read the history at " + history.root() + ": " + e.getMessage());
            return 1;
        }
    }

    private static CommandSpec spec() {
        CommandSpec spec = CommandSpec.create();
        spec.name("java -jar pipeline.jar history");
        spec.usageMessage().customSynopsis("java -jar pipeline.jar history [RUN] [--task TASK] [OPTIONS]")
                .description("The recent runs; one run with its tasks; a task's attempts across runs or in one run, with its log.");
        spec.addPositional(PositionalParamSpec.builder().paramLabel("RUN").arity("0..1").type(String.class)
                .description("a run id, as the list shows it").build());
        spec.addOption(OptionSpec.builder("--task").paramLabel("TASK").type(String.class)
                .description("a task id or Family(param=value, ...)").build());
        spec.addOption(OptionSpec.builder("--limit").paramLabel("N").type(int.class)
                .description("how many runs to show (default 20)").build());
        spec.addOption(OptionSpec.builder("--all").arity("0").description("list every task of a run").build());
        spec.addOption(OptionSpec.builder("--config").paramLabel("FILE").type(String.class)
                .description("config file (default: $CASCATA_CONFIG, else ./cascata.cfg if present)").build());
        spec.addOption(OptionSpec.builder("--history-dir").paramLabel("DIR").type(String.class)
                .description("the history's directory or URI (default: [history] dir, else _history under the workspace)").build());
        spec.addOption(OptionSpec.builder("--workspace").paramLabel("DIR").type(String.class)
                .description("the workspace whose history to read").build());
        spec.addOption(OptionSpec.builder("--help", "-h").usageHelp(true).description("show this help").build());
        return spec;
    }

    private int listRuns(RunHistory history, int limit) throws IOException {
        List<RunRecord> runs = history.runs();
        if (runs.isEmpty()) {
            out.println("No runs recorded in " + history.root() + ".");
            return 0;
        }
        out.printf("%-28s %-19s %9s %4s  %-3s %s%n", "RUN", "START (UTC)", "TOOK", "EXIT", "", "TASKS");
        for (RunRecord r : runs.subList(0, Math.min(limit, runs.size()))) {
            out.printf("%-28s %-19s %9s %4s  %-3s %s%n", r.runId(), TIME.format(r.start()),
                    r.end().map(e -> seconds(Duration.between(r.start(), e))).orElse("-"),
                    r.exitCode().map(String::valueOf).orElse("-"), r.face().orElse(""),
                    r.end().isPresent() ? counts(r.counts()) : "did not finish (still running, or stopped)");
        }
        if (runs.size() > limit) {
            out.println("... " + (runs.size() - limit) + " older (--limit N shows more)");
        }
        return 0;
    }

    private int showRun(RunHistory history, RunRecord r, boolean all) throws IOException {
        out.println("Run " + r.runId());
        out.println("  command: " + String.join(" ", r.commandLine()));
        out.println("  by:      " + r.user() + " on " + r.host());
        out.println("  start:   " + TIME.format(r.start()) + " UTC");
        if (r.end().isPresent()) {
            out.println("  end:     " + TIME.format(r.end().get()) + " UTC (" + seconds(Duration.between(r.start(), r.end().get())) + ")");
            out.println("  exit:    " + r.exitCode().orElse(-1) + "  " + r.face().orElse("") + " " + r.verdict().orElse(""));
            out.println("  tasks:   " + counts(r.counts()));
            r.driverError().ifPresent(e -> out.println("  driver error: " + e));
        } else {
            out.println("  end:     did not finish (still running, or stopped); attempts recorded so far:");
        }
        List<TaskRecord> tasks = history.tasks(r.runId());
        if (!tasks.isEmpty()) {
            out.printf("%-12s %8s %9s  %s%n", "STATE", "ATTEMPTS", "TOOK", "TASK");
            int shown = 0;
            for (TaskRecord t : tasks) {
                if (!all && shown == TASK_LINES) {
                    out.println("... " + (tasks.size() - shown) + " more (--all lists them)");
                    break;
                }
                shown++;
                out.printf("%-12s %8d %9s  %s%n", t.state(), t.attempts(),
                        t.attempts() == 0 ? "-" : seconds(Duration.ofMillis(t.millis())), t.display());
                t.pendingReason().ifPresent(p -> out.println("             pending: it " + p));
                t.error().ifPresent(e -> out.println("             error: " + e));
                t.details().forEach((k, v) -> out.println("             " + k + ": " + v));
            }
        } else {
            printAttempts(history.attempts(r.runId()), true);
        }
        return 0;
    }

    private int taskInRun(RunHistory history, RunRecord r, String name) throws IOException {
        Optional<TaskRecord> task = history.tasks(r.runId()).stream().filter(t -> names(t, name)).findFirst();
        String id = task.map(TaskRecord::id).orElse(name);
        List<AttemptRecord> attempts = history.attempts(r.runId()).stream().filter(a -> a.task().equals(id)).toList();
        if (task.isEmpty() && attempts.isEmpty()) {
            err.println("error: run " + r.runId() + " has no task " + name);
            return RetCodes.USAGE;
        }
        out.println(task.map(t -> t.display() + " (" + t.id() + ")").orElse(id) + " in run " + r.runId());
        task.ifPresent(t -> {
            out.println("  state: " + t.state() + t.pendingReason().map(p -> " (it " + p + ")").orElse(""));
            t.error().ifPresent(e -> out.println("  error: " + e));
            t.details().forEach((k, v) -> out.println("  " + k + ": " + v));
        });
        printAttempts(attempts, false);
        // A run that did not end has no task lines: its attempts name the log file.
        Optional<String> logName = task.flatMap(TaskRecord::log)
                .or(() -> attempts.stream().flatMap(a -> a.log().stream()).findFirst());
        Optional<String> log = logName.isPresent() ? history.log(r.runId(), logName.get()) : Optional.empty();
        out.println(log.isPresent() ? "Log:" : "Log: none recorded");
        log.ifPresent(out::print);
        return 0;
    }

    private int taskAcrossRuns(RunHistory history, String name, int limit) throws IOException {
        List<String> lines = new ArrayList<>();
        String shownName = null;
        int runs = 0;
        for (RunRecord r : history.runs()) {
            if (runs == limit) {
                break;
            }
            Optional<TaskRecord> task = history.tasks(r.runId()).stream().filter(t -> names(t, name)).findFirst();
            String id = task.map(TaskRecord::id).orElse(name);
            List<AttemptRecord> attempts = history.attempts(r.runId()).stream().filter(a -> a.task().equals(id)).toList();
            if (task.isEmpty() && attempts.isEmpty()) {
                continue;
            }
            runs++;
            if (shownName == null) {
                shownName = task.map(t -> t.display() + " (" + t.id() + ")").orElse(id);
            }
            String state = task.map(TaskRecord::state).orElse("(run did not finish)");
            if (attempts.isEmpty()) {
                lines.add(String.format("%-28s %-7s %-19s %9s  %s", r.runId(), "-", "-", "-", state));
            }
            for (AttemptRecord a : attempts) {
                lines.add(String.format("%-28s %-7d %-19s %9s  %s", r.runId(), a.attempt(),
                        TIME.format(Instant.ofEpochMilli(a.startMillis())), seconds(Duration.ofMillis(a.millis())),
                        a.ok() ? "ok" : "failed: " + a.error().orElse("")));
            }
        }
        if (shownName == null) {
            err.println("error: no run in " + history.root() + " has a task " + name);
            return RetCodes.USAGE;
        }
        out.println(shownName);
        out.printf("%-28s %-7s %-19s %9s  %s%n", "RUN", "ATTEMPT", "START (UTC)", "TOOK", "RESULT");
        lines.forEach(out::println);
        return 0;
    }

    private void printAttempts(List<AttemptRecord> attempts, boolean withTask) {
        out.printf("  %-7s %-19s %9s  %s%n", "ATTEMPT", "START (UTC)", "TOOK", "RESULT");
        for (AttemptRecord a : attempts) {
            out.printf("  %-7d %-19s %9s  %s%s%n", a.attempt(), TIME.format(Instant.ofEpochMilli(a.startMillis())),
                    seconds(Duration.ofMillis(a.millis())), a.ok() ? "ok" : "failed: " + a.error().orElse(""),
                    withTask ? "  " + a.task() : "");
        }
    }

    /** Whether a recorded task is the one named: by id, or as the summary shows it (spaces optional). */
    private static boolean names(TaskRecord t, String name) {
        return t.id().equals(name) || squeeze(t.display()).equals(squeeze(name));
    }

    private static String squeeze(String s) {
        return s.replace(" ", "");
    }

    private static String counts(Map<String, Integer> counts) {
        List<String> parts = new ArrayList<>();
        counts.forEach((state, n) -> parts.add(n + " " + state.toLowerCase(java.util.Locale.ROOT).replace('_', ' ')));
        return parts.isEmpty() ? "none" : String.join(", ", parts);
    }

    private static String seconds(Duration d) {
        return String.format("%.1f s", d.toMillis() / 1000.0);
    }
}
