package io.cascata.core.cli;

import io.cascata.core.param.ParameterSpec;
import io.cascata.core.param.TaskFamily;
import io.cascata.core.param.TaskRegistry;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.ServiceLoader;
import java.util.Set;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Model.PositionalParamSpec;
import picocli.CommandLine.ParseResult;

/**
 * The command line as picocli sees it, built at run time from the task families found: the
 * fixed options, the {@link ConfigOption}s of every module, {@code --name} for the chosen
 * family's parameters and {@code --Family-name} for every family's.
 */
final class CommandLineModel {

    static final String CONFIG = "--config";
    static final String HELP = "--help";
    static final String DEPS_TREE = "--deps-tree";
    static final String LOCAL_SCHEDULER = "--local-scheduler";

    private final CommandSpec spec = CommandSpec.create();
    private final List<ConfigOption> configOptions;
    private final Collection<TaskFamily> families;
    private final Optional<TaskFamily> root;
    private final Map<String, OptionTarget> targets = new LinkedHashMap<>();

    /** Where a parsed option's value goes. */
    sealed interface OptionTarget {
    }

    /** A task parameter. */
    record ParameterTarget(String family, String parameter) implements OptionTarget {
    }

    /** A config value, checked against its option's choices. */
    record ConfigTarget(String section, String key, boolean flag, ConfigOption option) implements OptionTarget {
    }

    CommandLineModel(TaskRegistry registry, Optional<TaskFamily> root) {
        this.families = registry.families();
        this.root = root;
        this.configOptions = allConfigOptions();
        build();
    }

    static List<ConfigOption> allConfigOptions() {
        List<ConfigOption> all = new ArrayList<>(new CoreOptions().options());
        ServiceLoader.load(ConfigOptionProvider.class).forEach(p -> all.addAll(p.options()));
        return all;
    }

    /** Option names that take a value, for finding the task family before the real parse. */
    static Set<String> valueOptions() {
        Set<String> names = new HashSet<>();
        names.add(CONFIG);
        for (ConfigOption o : allConfigOptions()) {
            if (!o.flag()) {
                names.add("--" + o.name());
            }
        }
        return names;
    }

    private void build() {
        spec.name("java -jar pipeline.jar");
        spec.usageMessage().width(110);
        spec.usageMessage().headerHeading("").synopsisHeading("Usage: ").customSynopsis(
                "java -jar pipeline.jar [OPTIONS] TaskFamily [--param VALUE ...] [--Family-param VALUE ...]");
        spec.addPositional(PositionalParamSpec.builder().paramLabel("TaskFamily").arity("0..1").type(String.class)
                .description("the task to run").build());
        spec.addOption(OptionSpec.builder(CONFIG).paramLabel("FILE").type(String.class)
                .description("config file (default: $CASCATA_CONFIG, else ./cascata.cfg if present)").build());
        spec.addOption(OptionSpec.builder(HELP, "-h").usageHelp(true)
                .description("list the task families; after a family, list its parameters").build());
        spec.addOption(OptionSpec.builder(DEPS_TREE).arity("0").description("print the task tree with each task's state and run nothing").build());
        spec.addOption(OptionSpec.builder(LOCAL_SCHEDULER).arity("0")
                .description("accepted for Luigi compatibility; the local scheduler is the only one").build());
        for (ConfigOption o : configOptions) {
            add("--" + o.name(), o.label(), o.description(), new ConfigTarget(o.section(), o.key(), o.flag(), o), o.flag());
        }
        root.ifPresent(family -> {
            for (ParameterSpec p : family.parameters()) {
                addAliases(List.of("--" + p.optionName(), "--" + p.name()), p, family);
            }
        });
        for (TaskFamily family : families) {
            for (ParameterSpec p : family.parameters()) {
                addAliases(List.of("--" + family.name() + "-" + p.optionName(), "--" + family.name() + "-" + p.name()),
                        p, family);
            }
            for (ConfigOption o : configOptions) {
                if (o.perFamily()) {
                    add("--" + family.name() + "-" + o.name(), o.label(), o.description() + " (" + family.name() + " only)",
                            new ConfigTarget(family.name(), o.key(), o.flag(), o), o.flag());
                }
            }
        }
        root.ifPresent(family -> {
            if (families.stream().noneMatch(f -> f.type() == family.type())) {
                for (ParameterSpec p : family.parameters()) {
                    addAliases(List.of("--" + family.name() + "-" + p.optionName(), "--" + family.name() + "-" + p.name()),
                            p, family);
                }
            }
        });
    }

    private void addAliases(List<String> names, ParameterSpec p, TaskFamily family) {
        List<String> free = new ArrayList<>();
        for (String n : new java.util.LinkedHashSet<>(names)) {
            if (!spec.optionsMap().containsKey(n)) {
                free.add(n);
            }
        }
        if (free.isEmpty()) {
            return;
        }
        boolean flag = p.type().name().equals("boolean");
        String description = (p.description().isEmpty() ? p.name() : p.description()) + " (" + p.type().name() + ")";
        OptionSpec.Builder b = OptionSpec.builder(free.toArray(String[]::new)).paramLabel(p.type().name())
                .type(String.class).description(description).hidden(!root.map(r -> r.type() == family.type()).orElse(false));
        if (flag) {
            // boolean-typed, so a following word is taken as the value only when it is true or false
            b.type(boolean.class).arity("0..1").fallbackValue("true");
        } else {
            b.arity("1");
        }
        spec.addOption(b.build());
        for (String n : free) {
            targets.put(n, new ParameterTarget(family.name(), p.name()));
        }
    }

    private void add(String name, String label, String description, ConfigTarget target, boolean flag) {
        if (spec.optionsMap().containsKey(name)) {
            return;
        }
        OptionSpec.Builder b = OptionSpec.builder(name).type(String.class).description(description)
                .hidden(!isGlobalSection(target.section()));
        if (flag) {
            b.arity("0").type(boolean.class);
        } else {
            b.arity("1").paramLabel(label);
        }
        spec.addOption(b.build());
        targets.put(name, target);
    }

    private boolean isGlobalSection(String section) {
        return families.stream().noneMatch(f -> f.name().equals(section));
    }

    CommandLine commandLine() {
        CommandLine cl = new CommandLine(spec);
        cl.setAbbreviatedOptionsAllowed(false);
        cl.setOverwrittenOptionsAllowed(true);
        cl.setUnmatchedArgumentsAllowed(false);
        cl.setCaseInsensitiveEnumValuesAllowed(true);
        return cl;
    }

    /** The parsed values, split by where they go. */
    ParsedLine read(ParseResult parsed) {
        Map<String, Map<String, String>> parameters = new LinkedHashMap<>();
        Map<String, Map<String, String>> config = new LinkedHashMap<>();
        for (OptionSpec option : parsed.matchedOptions()) {
            OptionTarget target = targets.get(option.longestName());
            if (target == null) {
                for (String n : option.names()) {
                    target = targets.get(n);
                    if (target != null) {
                        break;
                    }
                }
            }
            if (target == null) {
                continue;
            }
            String value = String.valueOf((Object) option.getValue());
            if (target instanceof ParameterTarget p) {
                parameters.computeIfAbsent(p.family(), f -> new LinkedHashMap<>()).put(p.parameter(), value);
            } else if (target instanceof ConfigTarget c) {
                c.option().check(option.longestName(), value);
                config.computeIfAbsent(c.section(), s -> new LinkedHashMap<>()).put(c.key(), value);
            }
        }
        String family = parsed.hasMatchedPositional(0) ? parsed.matchedPositional(0).getValue() : null;
        String configFile = parsed.hasMatchedOption(CONFIG) ? parsed.matchedOptionValue(CONFIG, (String) null) : null;
        return new ParsedLine(Optional.ofNullable(family), Optional.ofNullable(configFile), parameters, config,
                parsed.hasMatchedOption(DEPS_TREE), parsed.isUsageHelpRequested());
    }

    /**
     * The command line, read.
     *
     * @param family the task family named, if any
     * @param configFile the --config value, if any
     * @param parameters family to parameter to text
     * @param configOverrides section to key to value
     * @param depsTree whether --deps-tree was given
     * @param help whether --help was given
     */
    record ParsedLine(Optional<String> family, Optional<String> configFile, Map<String, Map<String, String>> parameters,
            Map<String, Map<String, String>> configOverrides, boolean depsTree, boolean help) {
    }
}
