package io.cascata.ui;

import io.cascata.core.config.CascataConfig;
import io.cascata.core.config.ConfigException;
import io.cascata.core.history.HistorySettings;
import io.cascata.core.history.RunHistory;
import io.cascata.core.operate.CommandExtension;
import io.cascata.core.run.RetCodes;
import io.cascata.core.run.RunCancellation;
import io.cascata.core.settings.CoreSettings;
import io.cascata.core.settings.Settings;
import java.io.IOException;
import java.io.PrintStream;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.ParseResult;

/**
 * {@code java -jar pipeline.jar ui}: serves the status page over the run history until the
 * process is stopped (Ctrl-C). Exit code {@link RetCodes#USAGE} for a bad command line or config,
 * 1 when it cannot listen on the address.
 */
public final class UiCommand implements CommandExtension {

    static final String WORD = "ui";
    /** The port when neither {@code --port} nor {@code [ui] port} gives one. */
    static final int DEFAULT_PORT = 8082;

    @Override
    public String word() {
        return WORD;
    }

    @Override
    public int execute(List<String> args, PrintStream out, PrintStream err, Function<String, String> environment,
            RunCancellation stop) {
        CommandLine commandLine = new CommandLine(spec());
        ParseResult parsed;
        try {
            parsed = commandLine.parseArgs(args.toArray(String[]::new));
        } catch (CommandLine.ParameterException e) {
            err.println("error: " + e.getMessage());
            err.println("Run 'ui --help' for its options.");
            return RetCodes.USAGE;
        }
        if (parsed.isUsageHelpRequested()) {
            out.print(commandLine.getUsageMessage());
            return 0;
        }
        RunHistory history;
        UiSettings settings;
        try {
            CascataConfig config = CascataConfig.locate(
                    Optional.ofNullable(parsed.matchedOptionValue("--config", (String) null)).map(Path::of), environment);
            Map<String, Map<String, String>> overrides = new LinkedHashMap<>();
            override(parsed, "--history-dir", overrides, "history", "dir");
            override(parsed, "--workspace", overrides, "core", "workspace");
            override(parsed, "--port", overrides, "ui", "port");
            override(parsed, "--bind", overrides, "ui", "bind");
            config = config.withOverrides(overrides);
            settings = Settings.read(UiSettings.class, config);
            history = RunHistory.at(Settings.read(HistorySettings.class, config)
                    .root(Settings.read(CoreSettings.class, config).workspace()));
        } catch (ConfigException | IllegalArgumentException e) {
            err.println("error: " + e.getMessage());
            return RetCodes.USAGE;
        }
        int port = settings.port().orElse(DEFAULT_PORT);
        StatusServer server;
        try {
            server = StatusServer.start(new InetSocketAddress(settings.bind(), port),
                    new StatusData(Optional.empty(), Optional.of(history)));
        } catch (IOException e) {
            err.println("error: cannot serve the status page on " + settings.bind() + ":" + port + ": " + e.getMessage());
            return 1;
        }
        out.println("Serving the run history at " + history.root() + " on " + server.uri() + " (Ctrl-C stops)");
        out.flush();
        // Ctrl-C or SIGTERM cancels: the page stops and the command ends with the signal's exit code.
        try (server) {
            while (!stop.isCancelled()) {
                Thread.sleep(200);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return 0;
    }

    private static void override(ParseResult parsed, String option, Map<String, Map<String, String>> overrides,
            String section, String key) {
        String value = parsed.matchedOptionValue(option, (String) null);
        if (value != null) {
            overrides.computeIfAbsent(section, s -> new LinkedHashMap<>()).put(key, value);
        }
    }

    private static CommandSpec spec() {
        CommandSpec spec = CommandSpec.create();
        spec.name("java -jar pipeline.jar ui");
        spec.usageMessage().customSynopsis("java -jar pipeline.jar ui [OPTIONS]")
                .description("Serves the status page over the run history until stopped (Ctrl-C).");
        spec.addOption(OptionSpec.builder("--port").paramLabel("PORT").type(String.class)
                .description("the port (default: [ui] port, else " + DEFAULT_PORT + ")").build());
        spec.addOption(OptionSpec.builder("--bind").paramLabel("ADDRESS").type(String.class)
                .description("the address to listen on (default: [ui] bind, else 127.0.0.1)").build());
        spec.addOption(OptionSpec.builder("--config").paramLabel("FILE").type(String.class)
                .description("config file (default: $CASCATA_CONFIG, else ./cascata.cfg if present)").build());
        spec.addOption(OptionSpec.builder("--history-dir").paramLabel("DIR").type(String.class)
                .description("the history's directory or URI (default: [history] dir, else _history under the workspace)").build());
        spec.addOption(OptionSpec.builder("--workspace").paramLabel("DIR").type(String.class)
                .description("the workspace whose history to serve").build());
        spec.addOption(OptionSpec.builder("--help", "-h").usageHelp(true).description("show this help").build());
        return spec;
    }
}
