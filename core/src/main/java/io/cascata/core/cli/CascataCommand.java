package io.cascata.core.cli;

import io.cascata.core.Task;
import io.cascata.core.config.CascataConfig;
import io.cascata.core.config.ConfigException;
import io.cascata.core.explain.Explain;
import io.cascata.core.param.ParameterException;
import io.cascata.core.param.ParameterSources;
import io.cascata.core.param.TaskFamily;
import io.cascata.core.param.TaskRegistry;
import io.cascata.core.run.Driver;
import io.cascata.core.RetryPolicy;
import io.cascata.core.run.RetCodes;
import io.cascata.core.run.RunCancellation;
import io.cascata.core.run.RunResult;
import io.cascata.core.settings.CoreSettings;
import io.cascata.core.settings.DeclaredSettings;
import io.cascata.core.settings.Settings;
import io.cascata.core.summary.ExecutionSummary;
import io.cascata.core.summary.SummaryJson;
import io.cascata.core.summary.SummarySettings;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import picocli.CommandLine;

/**
 * One invocation of the command line: parse, read and check the config, build the root task,
 * then print the deps tree or run the pipeline, print the Execution Summary and return the exit
 * code. Bad command lines and configs return {@link RetCodes#USAGE} before anything runs.
 */
public final class CascataCommand {

    private static final String HINT = "Run with --help to list task families, or 'TaskFamily --help' for its parameters.";

    private final PrintStream out;
    private final PrintStream err;
    private final Function<String, String> environment;
    private final HostProcess host;

    /** A command that leaves process-wide state alone: for tests and programs that embed the command line. */
    public CascataCommand(PrintStream out, PrintStream err, Function<String, String> environment) {
        this(out, err, environment, false);
    }

    /**
     * @param ownsProcess whether this command is the program's only work in its JVM, as for
     *     {@link CascataMain}: its parameter sources then become what threads outside the
     *     driver see (see {@link ParameterSources})
     */
    public CascataCommand(PrintStream out, PrintStream err, Function<String, String> environment, boolean ownsProcess) {
        this(out, err, environment, ownsProcess, new RunCancellation());
    }

    /**
     * @param cancellation cancels the run this command starts (its signal handlers hold it, say)
     */
    public CascataCommand(PrintStream out, PrintStream err, Function<String, String> environment, boolean ownsProcess,
            RunCancellation cancellation) {
        this(out, err, environment, HostProcess.of(ownsProcess, cancellation));
    }

    CascataCommand(PrintStream out, PrintStream err, Function<String, String> environment, HostProcess host) {
        this.out = out;
        this.err = err;
        this.environment = environment;
        this.host = host;
    }

    /** Runs the command line and returns the process exit code. */
    public int execute(String... args) {
        if (args.length > 0 && args[0].equals(HistoryCommand.WORD)) {
            return new HistoryCommand(out, err, environment).execute(java.util.Arrays.copyOfRange(args, 1, args.length));
        }
        if (args.length > 0) {
            for (io.cascata.core.operate.CommandExtension command
                    : java.util.ServiceLoader.load(io.cascata.core.operate.CommandExtension.class)) {
                if (command.word().equals(args[0])) {
                    return command.execute(java.util.List.of(args).subList(1, args.length), out, err, environment,
                            host.cancellation());
                }
            }
        }
        TaskRegistry registry = TaskRegistry.global();
        DeclaredSettings declared = DeclaredSettings.load();
        CommandLineModel.ParsedLine line;
        ForeignOptionsClaim.Split split;
        try {
            Optional<TaskFamily> named = findFamily(args, registry, declared);
            // No family named: the program's default, so that its parameters work as plain --name too.
            Optional<TaskFamily> root = named.or(() -> registry.defaultFamilyName().map(registry::resolve));
            // The default family's parameters are accepted but not listed: general help shows the
            // program's options, and 'Family --help' shows a family's parameters.
            CommandLineModel model = new CommandLineModel(registry, root, named.isPresent(), declared);
            split = ForeignOptionsClaim.split(args, model);
            CommandLine commandLine = model.commandLine();
            if (host.terminal() && System.console() == null && colours()) {
                // A run server's run: the client's terminal, not this JVM's, decides the help's colours.
                commandLine.setColorScheme(CommandLine.Help.defaultColorScheme(CommandLine.Help.Ansi.ON));
            }
            try {
                line = model.read(commandLine.parseArgs(split.known().toArray(String[]::new)));
            } catch (CommandLine.OverwrittenOptionException e) {
                String option = e.getOverwritten() instanceof CommandLine.Model.OptionSpec o ? o.longestName()
                        : e.getOverwritten().paramLabel();
                return usage(option + " is given more than once; give it once (only a list parameter may repeat)");
            } catch (CommandLine.UnmatchedArgumentException e) {
                Optional<String> badBoolean = badBooleanValue(args, e.getUnmatched(), model);
                if (badBoolean.isPresent()) {
                    return usage(badBoolean.get());
                }
                // A stray word is often the value of an unknown option: name that option first.
                ForeignOptionsClaim claim = ForeignOptionsClaim.of(split.foreign());
                String message = claim.unknown().isEmpty() ? e.getMessage() : claim.unknownMessage();
                Set<String> unmatched = new HashSet<>(e.getUnmatched());
                unmatched.addAll(claim.unknown());
                return usage(withMisspeltFamily(message, args, unmatched, registry));
            }
            if (line.help()) {
                if (named.isEmpty() && line.family().isPresent()) {
                    // 'Family --help' for a family that is unknown or ambiguous: say which, as a run would.
                    registry.resolve(line.family().get());
                }
                out.print(named.map(FamilyHelp::family).orElseGet(() -> commandLine.getUsageMessage()
                        + "\n" + FamilyHelp.families(registry.familiesByName())));
                return 0;
            }
        } catch (CommandLine.ParameterException | ParameterException | ConfigException e) {
            return usage(e.getMessage());
        }

        CascataConfig config;
        CoreSettings core;
        try {
            CascataConfig file = CascataConfig.locate(line.configFile().map(Path::of), environment);
            // [core] is checked first, naming the file, since its log level goes to the logging
            // backend before any module's code can create a logger.
            Settings.read(CoreSettings.class, file);
            host.logLevel().accept(Settings.read(CoreSettings.class, file.withOverrides(line.configOverrides())).logLevel());
            // The file's values are checked on their own, so that a bad one is named by file, section and key.
            declared.validate(file);
            for (String key : declared.unknownKeys(file)) {
                err.println("warning: " + file.origin() + ": no setting is named " + key + "; it is ignored");
            }
            ForeignOptionsClaim claim = ForeignOptionsClaim.of(split.foreign());
            if (!claim.unknown().isEmpty()) {
                return usage(withMisspeltFamily(claim.unknownMessage(), args, Set.copyOf(claim.unknown()), registry));
            }
            config = file.withOverrides(line.configOverrides()).withOverrides(claim.overrides(file));
            // Each value was checked on its own; a settings record's own checks (a URI, say) run on
            // the command line's values first, so that a bad one is named as the command line's.
            declared.validate(CascataConfig.commandLine(line.configOverrides()));
            declared.validate(config);
            core = Settings.read(CoreSettings.class, config);
            Optional<String> badLockDir = core.noLock() ? Optional.empty() : LockDirectoryCheck.problem(Path.of(core.lockDirectory(environment)));
            if (badLockDir.isPresent()) {
                err.println("error: " + badLockDir.get());
                return RetCodes.USAGE;
            }
        } catch (ConfigException e) {
            err.println("error: " + e.getMessage());
            return RetCodes.USAGE;
        }

        ParameterSources sources = new ParameterSources(line.parameters(), config);
        if (host.ownsProcess()) {
            ParameterSources.setProcessDefault(sources);
        }
        try (ParameterSources.Scope scope = ParameterSources.use(sources)) {
            RetCodes retCodes = RetCodes.from(config);
            Optional<String> familyName = line.family().or(core::defaultTask).or(registry::defaultFamilyName);
            if (familyName.isEmpty()) {
                err.println("error: no task family given, no [core] default-task in the config and no default in the program");
                err.println("Run with --help to list task families.");
                return RetCodes.USAGE;
            }
            Task task = registry.resolve(familyName.get()).instantiate(Map.of(), sources);
            Optional<String> badOutput = RootOutputCheck.problem(task);
            if (badOutput.isPresent()) {
                err.println("error: " + badOutput.get());
                return RetCodes.USAGE;
            }
            if (line.depsTree() || line.explain()) {
                if (line.depsTree()) {
                    out.print(DepsTree.render(task));
                }
                if (line.explain()) {
                    out.print(Explain.render(task));
                }
                return 0;
            }
            return run(task, sources, core, retCodes, args);
        } catch (ParameterException | ConfigException e) {
            err.println("error: " + e.getMessage());
            return RetCodes.USAGE;
        }
    }

    /** A word after a boolean parameter's option that picocli left unmatched: a value the parameter cannot read. */
    private static Optional<String> badBooleanValue(String[] args, java.util.List<String> unmatched, CommandLineModel model) {
        for (int i = 0; i + 1 < args.length; i++) {
            Optional<CommandLineModel.ParameterTarget> p = model.booleanParameter(args[i]);
            if (p.isPresent() && unmatched.contains(args[i + 1])) {
                return Optional.of("task " + p.get().family() + ", parameter '" + p.get().parameter()
                        + "' (boolean): cannot use value '" + args[i + 1] + "': not a boolean; write " + args[i]
                        + " alone, or " + args[i] + "=true or " + args[i] + "=false");
            }
        }
        return Optional.empty();
    }

    /** Whether the environment leaves picocli's colours on (it turns them off with {@code NO_COLOR} or {@code CLICOLOR=0}). */
    private boolean colours() {
        return environment.apply("NO_COLOR") == null && !"0".equals(environment.apply("CLICOLOR"))
                && !"false".equalsIgnoreCase(System.getProperty("picocli.ansi", "true"));
    }

    private int usage(String message) {
        err.println("error: " + message);
        err.println(HINT);
        return RetCodes.USAGE;
    }

    private int run(Task task, ParameterSources sources, CoreSettings core, RetCodes retCodes, String[] args) {
        Driver.Builder driver = Driver.builder()
                .workers(core.workers())
                .retryPolicy(new RetryPolicy(core.retryCount(), core.retryDelay(), core.retryBackoff(),
                        core.retryMaxDelay(), java.util.Set.of()))
                .taskTimeout(core.taskTimeout().orElse(null))
                .interruptGrace(core.interruptGrace())
                .cancellation(host.cancellation())
                .parameterSources(sources)
                .progress(!core.noProgress())
                .terminal(host.terminal());
        if (!core.noLock()) {
            driver.lockDirectory(Path.of(core.lockDirectory(environment)));
        }
        try (RunOperations operations = RunOperations.start(sources.config(), core, java.util.List.of(args))) {
            operations.attach(driver);
            RunResult result = driver.build().run(task);
            int exitCode = host.finalExitCode().applyAsInt(retCodes.exitCode(result));
            operations.finish(result, exitCode);
            int reported = report(result, exitCode, core, retCodes, sources);
            host.ended().accept(result);
            return reported;
        }
    }

    private int report(RunResult result, int exitCode, CoreSettings core, RetCodes retCodes, ParameterSources sources) {
        if (core.showsSummary()) {
            out.print(ExecutionSummary.render(result, Settings.read(SummarySettings.class, sources.config()).summaryLength()));
        }
        if (core.summaryJson().isPresent()) {
            String json = core.summaryJson().get();
            try {
                SummaryJson.write(result, exitCode, Path.of(json));
            } catch (IOException e) {
                err.println("error: cannot write the summary JSON to " + json + ": " + e.getMessage());
                return Math.max(exitCode, retCodes.unhandledException());
            }
        }
        return exitCode;
    }

    /**
     * Options the chosen family lacks usually mean a misspelt family name (the default family was
     * taken instead): say that first, when a bare word names no family.
     */
    private static String withMisspeltFamily(String message, String[] args, Set<String> unmatched, TaskRegistry registry) {
        for (int i = 0; i < args.length; i++) {
            String arg = args[i];
            boolean optionValue = i > 0 && args[i - 1].startsWith("-") && !args[i - 1].contains("=");
            if (!arg.startsWith("-") && !optionValue && !unmatched.contains(arg)) {
                try {
                    registry.resolve(arg);
                } catch (ParameterException unknown) {
                    return unknown.getMessage() + " (" + message + ")";
                }
            }
        }
        return message;
    }

    /**
     * The family named on the command line, found before the real parse because the options
     * depend on it: the first bare word that names a known family; empty when none does.
     */
    private static Optional<TaskFamily> findFamily(String[] args, TaskRegistry registry, DeclaredSettings declared) {
        Set<String> valueOptions = CommandLineModel.valueOptions(declared);
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
