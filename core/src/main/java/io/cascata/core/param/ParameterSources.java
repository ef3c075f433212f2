package io.cascata.core.param;

import io.cascata.core.config.CascataConfig;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Where parameter values come from when code does not give them: the command line, then the
 * config file ({@code [Family] name=value}); the declared default comes after both.
 *
 * <p>Sources belong to a run, so that two drivers in one JVM never see each other's values. The
 * driver binds its run's sources to the threads it owns: the thread that calls
 * {@code Driver.run}, the completeness-check threads and the worker threads; the command line
 * binds them while it builds the root task. Code on those threads ({@code requires()},
 * {@code output()}, {@code run()}, {@link io.cascata.core.Tasks#create},
 * {@code Workspace.root()}) reads them with {@link #current()}.
 *
 * <p>A thread that the user's own code starts inside {@code run()} (a {@code parallelStream},
 * {@code CompletableFuture.runAsync}, an executor) has no run bound. It sees the process
 * default: the sources of the command-line run when the program was started through
 * {@code CascataMain}, which owns its process, and empty sources (no command line, no config)
 * otherwise. To give such a thread the run's sources, wrap its work with
 * {@code ParameterSources.current().bindTo(work)}.
 */
public final class ParameterSources {

    private static final ThreadLocal<ParameterSources> BOUND = new ThreadLocal<>();

    /** Set only by a program's entry point that owns its process; see {@link #setProcessDefault}. */
    private static volatile ParameterSources processDefault;

    private final Map<String, Map<String, String>> commandLine;
    private final CascataConfig config;

    /**
     * @param commandLine family name to (normalized parameter name to text); values for the root
     *     family given as plain {@code --name} are stored under the root family
     * @param config the loaded config file
     */
    public ParameterSources(Map<String, Map<String, String>> commandLine, CascataConfig config) {
        Map<String, Map<String, String>> copy = new HashMap<>();
        commandLine.forEach((family, values) -> {
            Map<String, String> normalized = new HashMap<>();
            values.forEach((k, v) -> normalized.put(ParameterSpec.normalize(k), v));
            copy.put(family, Map.copyOf(normalized));
        });
        this.commandLine = Map.copyOf(copy);
        this.config = config;
    }

    /** No command line and an empty config. */
    public static ParameterSources none() {
        return new ParameterSources(Map.of(), CascataConfig.empty());
    }

    /**
     * The sources of the run on this thread; on a thread without one, the process default (see
     * the class comment), else empty sources.
     */
    public static ParameterSources current() {
        ParameterSources bound = BOUND.get();
        if (bound != null) {
            return bound;
        }
        ParameterSources fallback = processDefault;
        return fallback != null ? fallback : EmptySources.INSTANCE;
    }

    /** Binds these sources to the calling thread until the returned scope is closed. */
    public static Scope use(ParameterSources sources) {
        ParameterSources previous = BOUND.get();
        BOUND.set(sources);
        return () -> {
            if (previous == null) {
                BOUND.remove();
            } else {
                BOUND.set(previous);
            }
        };
    }

    /**
     * Makes these sources what threads without a run see ({@code null}: none). Only for a
     * program's entry point that owns its process and runs one command line in it at a time
     * ({@code CascataMain}, a run server, which clears it after each run); a library that runs
     * several drivers at once must not call it.
     */
    public static void setProcessDefault(ParameterSources sources) {
        processDefault = sources;
    }

    /** Work that runs with these sources bound to whatever thread runs it. */
    public Runnable bindTo(Runnable work) {
        return () -> {
            try (Scope scope = use(this)) {
                work.run();
            }
        };
    }

    /** The config these sources read. */
    public CascataConfig config() {
        return config;
    }

    /** The text for a parameter from the command line or else the config, with where it came from. */
    public Optional<SourcedText> lookup(String family, String parameter) {
        Map<String, String> cli = commandLine.get(family);
        if (cli != null) {
            String text = cli.get(ParameterSpec.normalize(parameter));
            if (text != null) {
                return Optional.of(new SourcedText(text, "the command line"));
            }
        }
        return config.get(family, parameter)
                .map(text -> new SourcedText(text, "config section [" + family + "]"));
    }

    /** A value's text and a phrase naming its origin, for error messages. */
    public record SourcedText(String text, String origin) {
    }

    /** Restores the thread's previous sources on close. */
    public interface Scope extends AutoCloseable {
        @Override
        void close();
    }

    /** The sources of a thread with neither a run nor a process default: nothing at all. */
    private static final class EmptySources {
        static final ParameterSources INSTANCE = none();
    }
}
