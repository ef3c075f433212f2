package io.cascata.beam;

import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.apache.beam.runners.direct.DirectOptions;
import org.apache.beam.runners.flink.FlinkPipelineOptions;
import org.apache.beam.sdk.options.PipelineOptions;
import org.apache.beam.sdk.options.PipelineOptionsFactory;

/**
 * Beam pipeline options written as on Beam's command line ({@code --name=value}, or
 * {@code --name} for a boolean), as users pass them through Cascata: which ones Beam knows, the
 * check Beam makes of them, and the options they give a stage.
 */
final class PipelineArgs {

    /** Options Cascata sets for each stage itself, and why a user's value would not apply. */
    private static final Map<String, String> OWNED = Map.of(
            "runner", "use --runner (or [beam] runner): DirectRunner or FlinkRunner",
            "flinkMaster", "use --flinkMaster (or [beam] flink-master)",
            "parallelism", "use --parallelism (or [beam] parallelism)",
            "targetParallelism", "use --parallelism (or [beam] parallelism), which sets it for the DirectRunner",
            "jobName", "Cascata names each stage's job after its task id",
            "streaming", "stages run in batch mode: each must finish before its outputs are committed");

    private PipelineArgs() {
    }

    /** The option's name: {@code maxBundleSize} for {@code --maxBundleSize=7}. */
    static String name(String arg) {
        String body = arg.startsWith("--") ? arg.substring(2) : arg;
        int eq = body.indexOf('=');
        return eq < 0 ? body : body.substring(0, eq);
    }

    /** Whether Beam has a pipeline option of this name, in any options interface registered on the class path. */
    static boolean knows(String name) {
        return propertyType(name).isPresent();
    }

    private static Optional<Class<?>> propertyType(String name) {
        if (name.isEmpty()) {
            return Optional.empty();
        }
        String suffix = Character.toUpperCase(name.charAt(0)) + name.substring(1);
        for (Class<? extends PipelineOptions> options : PipelineOptionsFactory.getRegisteredOptions()) {
            for (Method m : options.getMethods()) {
                if (m.getParameterCount() == 0 && (m.getName().equals("get" + suffix) || m.getName().equals("is" + suffix))) {
                    return Optional.of(m.getReturnType());
                }
            }
        }
        return Optional.empty();
    }

    /**
     * Checks options as Beam would for a stage on either runner; the first bad one is an
     * {@link IllegalArgumentException} that names it and says what Beam expects.
     */
    static void check(List<String> args) {
        if (args.isEmpty()) {
            return;
        }
        for (String arg : args) {
            checkOne(arg);
        }
        String[] all = merged(args).toArray(String[]::new);
        try {
            PipelineOptionsFactory.fromArgs(all).withValidation().as(FlinkPipelineOptions.class);
            PipelineOptionsFactory.fromArgs(all).withValidation().as(DirectOptions.class);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(String.join(" ", all) + ": " + firstLine(e), e);
        }
    }

    private static void checkOne(String arg) {
        if (!arg.startsWith("--") || arg.length() == 2) {
            throw new IllegalArgumentException("'" + arg + "' is not a Beam option; write --name=value");
        }
        String name = name(arg);
        if (OWNED.containsKey(name)) {
            throw new IllegalArgumentException("--" + name + " is set by Cascata for each stage: " + OWNED.get(name));
        }
        Optional<Class<?>> type = propertyType(name);
        if (type.isEmpty()) {
            throw new IllegalArgumentException("Beam has no pipeline option --" + name);
        }
        if (!arg.contains("=") && type.get() != boolean.class && type.get() != Boolean.class) {
            throw new IllegalArgumentException("--" + name + " takes a value (" + type.get().getSimpleName()
                    + "), written --" + name + "=VALUE");
        }
        try {
            PipelineOptionsFactory.fromArgs(arg).create();
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(arg + ": " + firstLine(e), e);
        }
    }

    private static String firstLine(Exception e) {
        String message = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        return message.lines().findFirst().orElse(message);
    }

    /** The options with one value per name, the last one given winning (the command line's over the config's). */
    static List<String> merged(List<String> args) {
        Map<String, String> byName = new LinkedHashMap<>();
        for (String arg : args) {
            byName.remove(name(arg));
            byName.put(name(arg), arg);
        }
        return new ArrayList<>(byName.values());
    }

    /** The names given. */
    static Set<String> names(List<String> args) {
        return Set.copyOf(merged(args).stream().map(PipelineArgs::name).toList());
    }

    /** Pipeline options of a type built from the arguments, as Beam parses them. */
    static <T extends PipelineOptions> T options(List<String> args, Class<T> type) {
        return PipelineOptionsFactory.fromArgs(merged(args).toArray(String[]::new)).as(type);
    }
}
