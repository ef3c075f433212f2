package io.cascata.core.cli;

import io.cascata.core.Task;
import io.cascata.core.config.CascataConfig;
import io.cascata.core.config.ConfigException;
import io.cascata.core.param.ParameterException;
import io.cascata.core.param.ParameterSources;
import io.cascata.core.param.TaskFamily;
import io.cascata.core.param.TaskRegistry;
import io.cascata.core.run.Driver;
import io.cascata.core.run.RetCodes;
import io.cascata.core.run.RunResult;
import io.cascata.core.summary.ExecutionSummary;
import io.cascata.core.summary.SummaryJson;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import picocli.CommandLine;

/**
 * One invocation of the command line: parse, read the config, build the root task, then print
 * the deps tree or run the pipeline, print the Execution Summary and return the exit code.
 * Bad command lines and configs return {@link RetCodes#USAGE} before anything runs.
 */
public final class CascataCommand {

    private final PrintStream out;
    private final PrintStream err;
    private final Function<String, String> environment;

    public CascataCommand(PrintStream out, PrintStream err, Function<String, String> environment) {
        this.out = out;
        this.err = err;
        this.environment = environment;
    }

    /** Runs the command line and returns the process exit code. */
    public int execute(String... args) {
        TaskRegistry registry = TaskRegistry.global();
        CommandLineModel.ParsedLine line;
        try {
            Optional<TaskFamily> named = findFamily(args, registry);
            // No family named: the program's default, so that its parameters work as plain --name too.
            Optional<TaskFamily> root = named.or(() -> registry.defaultFamilyName().map(registry::resolve));
            CommandLineModel model = new CommandLineModel(registry, root);
            CommandLine commandLine = model.commandLine();
            line = model.read(commandLine.parseArgs(args));
            if (line.help()) {
                out.print(named.map(FamilyHelp::family).orElseGet(() -> commandLine.getUsageMessage()
                        + "\n" + FamilyHelp.families(registry.familiesByName())));
                return 0;
            }
        } catch (CommandLine.UnmatchedArgumentException e) {
            // Options the default family lacks usually mean a misspelt family name: say that first.
            String message = e.getMessage();
            for (int i = 0; i < args.length; i++) {
                String arg = args[i];
                boolean optionValue = i > 0 && args[i - 1].startsWith("-") && !args[i - 1].contains("=");
                if (!arg.startsWith("-") && !optionValue && e.getUnmatched().stream().noneMatch(arg::equals)) {
                    try {
                        registry.resolve(arg);
                    } catch (ParameterException unknown) {
                        message = unknown.getMessage() + " (" + message + ")";
                        break;
                    }
                }
            }
            err.println("error: " + message);
            err.println("Run with --help to list task families, or 'TaskFamily --help' for its parameters.");
            return RetCodes.USAGE;
        } catch (CommandLine.ParameterException | ParameterException | ConfigException e) {
            err.println("error: " + e.getMessage());
            err.println("Run with --help to list task families, or 'TaskFamily --help' for its parameters.");
            return RetCodes.USAGE;
        }

        CascataConfig config;
        try {
            config = CascataConfig.locate(line.configFile().map(Path::of), environment)
                    .withOverrides(line.configOverrides());
            setLogLevel(config);
        } catch (ConfigException e) {
            err.println("error: " + e.getMessage());
            return RetCodes.USAGE;
        }

        try (ParameterSources.Scope scope = ParameterSources.use(new ParameterSources(line.parameters(), config))) {
            RetCodes retCodes = RetCodes.from(config);
            Optional<String> familyName = line.family().or(() -> config.get("core", "default-task"))
                    .or(registry::defaultFamilyName);
            if (familyName.isEmpty()) {
                err.println("error: no task family given, no [core] default-task in the config and no default in the program");
                err.println("Run with --help to list task families.");
                return RetCodes.USAGE;
            }
            Task task = registry.resolve(familyName.get()).instantiate(Map.of(), ParameterSources.current());
            if (line.depsTree()) {
                out.print(DepsTree.render(task));
                return 0;
            }
            return run(task, config, retCodes);
        } catch (ParameterException | ConfigException e) {
            err.println("error: " + e.getMessage());
            return RetCodes.USAGE;
        }
    }

    private int run(Task task, CascataConfig config, RetCodes retCodes) {
        Driver.Builder driver = Driver.builder()
                .workers(positive(config, "workers", 1))
                .retryCount(config.getInt("core", "retry-count", 0))
                .config(config)
                .progress(!config.getBoolean("core", "no-progress", false));
        if (!config.getBoolean("core", "no-lock", false)) {
            driver.lockDirectory(Path.of(config.get("core", "lock-dir")
                    .orElse(System.getProperty("java.io.tmpdir") + "/cascata-locks")));
        }
        RunResult result = driver.build().run(task);
        int exitCode = retCodes.exitCode(result);
        if (showsSummary(config)) {
            out.print(ExecutionSummary.render(result));
        }
        Optional<String> json = config.get("core", "summary-json");
        if (json.isPresent()) {
            try {
                SummaryJson.write(result, exitCode, Path.of(json.get()));
            } catch (IOException e) {
                err.println("error: cannot write the summary JSON to " + json.get() + ": " + e.getMessage());
                return Math.max(exitCode, retCodes.unhandledException());
            }
        }
        return exitCode;
    }

    private static int positive(CascataConfig config, String key, int fallback) {
        int value = config.getInt("core", key, fallback);
        if (value < 1) {
            throw new ConfigException("--" + key + " must be at least 1, got " + value);
        }
        return value;
    }

    private static boolean showsSummary(CascataConfig config) {
        String level = config.get("core", "log-level").orElse("INFO").toUpperCase(Locale.ROOT);
        return Set.of("NOTSET", "ALL", "TRACE", "DEBUG", "INFO").contains(level);
    }

    /** Hands the level to the logging backend before any logger exists (log4j 2 or slf4j-simple). */
    private static void setLogLevel(CascataConfig config) {
        Optional<String> level = config.get("core", "log-level");
        if (level.isEmpty()) {
            return;
        }
        String normalized = switch (level.get().trim().toUpperCase(Locale.ROOT)) {
            case "WARNING" -> "WARN";
            case "CRITICAL" -> "FATAL";
            case "NOTSET" -> "ALL";
            case "DEBUG", "INFO", "WARN", "ERROR", "FATAL", "TRACE", "ALL", "OFF" -> level.get().trim().toUpperCase(Locale.ROOT);
            default -> throw new ConfigException("log level '" + level.get()
                    + "' is not one of DEBUG, INFO, WARNING, ERROR, CRITICAL");
        };
        System.setProperty("cascata.log.level", normalized);
        System.setProperty("org.slf4j.simpleLogger.defaultLogLevel",
                normalized.equals("FATAL") ? "error" : normalized.equals("ALL") ? "trace" : normalized.toLowerCase(Locale.ROOT));
    }

    /**
     * The family named on the command line, found before the real parse because the options
     * depend on it: the first bare word that names a known family; empty when none does.
     */
    private static Optional<TaskFamily> findFamily(String[] args, TaskRegistry registry) {
        Set<String> valueOptions = CommandLineModel.valueOptions();
        String firstBare = null;
        for (int i = 0; i < args.length; i++) {
            String a = args[i];
            if (a.startsWith("-")) {
                if (!a.contains("=") && valueOptions.contains(a)) {
                    i++;
                }
                continue;
            }
            if (firstBare == null) {
                firstBare = a;
            }
            try {
                return Optional.of(registry.resolve(a));
            } catch (ParameterException notAFamily) {
                // a parameter value; keep looking
            }
        }
        // With a default family, bare words may be option values; a misspelt family still fails in
        // the real parse. Without one, the first bare word must be a family.
        if (firstBare != null && registry.defaultFamilyName().isEmpty()) {
            registry.resolve(firstBare); // throws, naming the unknown family and the known ones
        }
        return Optional.empty();
    }
}
