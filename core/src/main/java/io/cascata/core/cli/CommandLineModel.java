package io.cascata.core.cli;

import io.cascata.core.param.ParameterException;
import io.cascata.core.param.ParameterSpec;
import io.cascata.core.param.TaskFamily;
import io.cascata.core.param.TaskRegistry;
import io.cascata.core.settings.DeclaredSettings;
import io.cascata.core.settings.SettingSpec;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Model.PositionalParamSpec;
import picocli.CommandLine.ParseResult;

/**
 * The command line as picocli sees it, built at run time from the task families found and the
 * settings declared: the fixed options, an option for every declared setting of every module
 * ({@code --Family-name} too for per-family ones), {@code --name} for the chosen family's
 * parameters and {@code --Family-name} for every family's.
 */
final class CommandLineModel {

    static final String CONFIG = "--config";
    static final String HELP = "--help";
    static final String DEPS_TREE = "--deps-tree";
    static final String EXPLAIN = "--explain";
    static final String LOCAL_SCHEDULER = "--local-scheduler";

    private final CommandSpec spec = CommandSpec.create();
    private final List<SettingSpec> settings;
    private final Collection<TaskFamily> families;
    private final Optional<TaskFamily> root;
    private final boolean rootListed;
    private final Map<String, OptionTarget> targets = new LinkedHashMap<>();
    /** The options of boolean task parameters, which take a value only when it is written right after them. */
    private final Set<String> booleanParameters = new HashSet<>();

    /** Where a parsed option's value goes. */
    sealed interface OptionTarget {
    }

    /** A task parameter. */
    record ParameterTarget(String family, String parameter) implements OptionTarget {
    }

    /** A setting's value, for its section (or a family's section, for a per-family option). */
    record SettingTarget(String section, SettingSpec setting) implements OptionTarget {
    }

    /**
     * @param root the family whose parameters are plain {@code --name} options
     * @param rootListed whether help lists those options (not when the root is only the program's default)
     */
    CommandLineModel(TaskRegistry registry, Optional<TaskFamily> root, boolean rootListed, DeclaredSettings declared) {
        this.families = registry.families();
        this.root = root;
        this.rootListed = rootListed;
        this.settings = declared.commandLineSettings();
        build();
    }

    /** Option names that take a value, for finding the task family before the real parse. */
    static Set<String> valueOptions(DeclaredSettings declared) {
        Set<String> names = new HashSet<>();
        names.add(CONFIG);
        for (SettingSpec s : declared.commandLineSettings()) {
            if (!s.flag()) {
                names.addAll(s.optionNames());
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
        spec.addOption(OptionSpec.builder(EXPLAIN).arity("0")
                .description("say why each incomplete task will run and run nothing (with --deps-tree, after the tree)").build());
        spec.addOption(OptionSpec.builder(LOCAL_SCHEDULER).arity("0")
                .description("accepted for Luigi compatibility; the local scheduler is the only one").build());
        for (SettingSpec s : settings) {
            add(s.optionNames(), s.label(), s.help(), new SettingTarget(s.section(), s), s.flag());
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
            for (SettingSpec s : settings) {
                if (s.perFamily()) {
                    add(s.familyOptionNames(family.name()), s.label(), s.description() + " (" + family.name() + " only)",
                            new SettingTarget(family.name(), s), s.flag());
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
        boolean list = p.type().name().startsWith("List");
        String description = (p.description().isEmpty() ? p.name() : p.description()) + " (" + p.type().name() + ")";
        OptionSpec.Builder b = OptionSpec.builder(free.toArray(String[]::new)).paramLabel(p.type().name())
                .type(String.class).description(description).hidden(!rootListed || !root.map(r -> r.type() == family.type()).orElse(false));
        if (flag) {
            // A following word is taken as the value only when it is true or false (see ForeignOptionsClaim.split
            // for yes, no, 1 and 0); --name=VALUE takes whatever the parameter's type reads as a boolean.
            b.type(boolean.class).arity("0..1").fallbackValue("true").converters(text -> {
                try {
                    return p.type().parse(text);
                } catch (IllegalArgumentException e) {
                    throw new CommandLine.TypeConversionException("task " + family.name() + ", parameter '" + p.name()
                            + "' (boolean): cannot use value '" + text + "': " + e.getMessage());
                }
            });
            booleanParameters.addAll(free);
        } else if (list) {
            // A list parameter may be given more than once: each occurrence is one or more of its elements.
            b.type(List.class).auxiliaryTypes(String.class).arity("1");
        } else {
            b.arity("1");
        }
        spec.addOption(b.build());
        for (String n : free) {
            targets.put(n, new ParameterTarget(family.name(), p.name()));
        }
    }

    /**
     * Adds a setting's option: its first spelling shown in help (unless it is a family's), the
     * others (the camelCase one) as hidden options of their own, so that help lists each once.
     */
    private void add(List<String> names, String label, String description, SettingTarget target, boolean flag) {
        for (int i = 0; i < names.size(); i++) {
            String name = names.get(i);
            if (spec.optionsMap().containsKey(name)) {
                continue;
            }
            OptionSpec.Builder b = OptionSpec.builder(name).type(String.class).description(description)
                    .hidden(i > 0 || !isGlobalSection(target.section()));
            if (flag) {
                b.type(boolean.class).arity("0");
            } else {
                b.arity("1").paramLabel(label);
            }
            spec.addOption(b.build());
            targets.put(name, target);
        }
    }

    /** Whether an argument such as {@code --workers} or {@code --workers=4} names an option of this command line. */
    boolean knows(String argument) {
        int eq = argument.indexOf('=');
        return spec.optionsMap().containsKey(eq < 0 ? argument : argument.substring(0, eq));
    }

    /** The task parameter an option of a boolean parameter sets, if the option is one. */
    Optional<ParameterTarget> booleanParameter(String option) {
        return booleanParameters.contains(option) ? Optional.of((ParameterTarget) targets.get(option)) : Optional.empty();
    }

    /** Whether an option of this command line takes a value (so that the next argument may be it). */
    boolean takesValue(String option) {
        OptionSpec o = spec.optionsMap().get(option);
        return o != null && o.arity().min() > 0;
    }

    private boolean isGlobalSection(String section) {
        return families.stream().noneMatch(f -> f.name().equals(section));
    }

    CommandLine commandLine() {
        CommandLine cl = new CommandLine(spec);
        cl.setAbbreviatedOptionsAllowed(false);
        // A value given twice is a usage error: one of them would be dropped without a word.
        cl.setOverwrittenOptionsAllowed(false);
        cl.setUnmatchedArgumentsAllowed(false);
        cl.setCaseInsensitiveEnumValuesAllowed(true);
        return cl;
    }

    /** The parsed values, split by where they go. */
    ParsedLine read(ParseResult parsed) {
        Map<String, Map<String, String>> parameters = new LinkedHashMap<>();
        Map<String, Map<String, String>> config = new LinkedHashMap<>();
        Set<OptionSpec> seen = java.util.Collections.newSetFromMap(new java.util.IdentityHashMap<>());
        for (OptionSpec option : parsed.matchedOptions()) {
            if (!seen.add(option)) {
                continue; // a list parameter's later occurrences: its value holds them all
            }
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
            Object given = option.getValue();
            String value = given instanceof List<?> values ? ListOccurrences.join(values) : String.valueOf(given);
            if (target instanceof ParameterTarget p) {
                String before = parameters.computeIfAbsent(p.family(), f -> new LinkedHashMap<>()).put(p.parameter(), value);
                if (before != null) {
                    throw new ParameterException("task " + p.family() + ", parameter '" + p.parameter()
                            + "' is given twice ('" + before + "' and '" + value + "', as " + given(parsed, option)
                            + " and another spelling); give it once");
                }
            } else if (target instanceof SettingTarget t) {
                t.setting().parse(value, given(parsed, option));
                String before = config.computeIfAbsent(t.section(), s -> new LinkedHashMap<>()).put(t.setting().key(), value);
                if (before != null) {
                    throw new ParameterException(given(parsed, option) + " is given twice ('" + before + "' and '" + value
                            + "', under two spellings); give it once");
                }
            }
        }
        String family = parsed.hasMatchedPositional(0) ? parsed.matchedPositional(0).getValue() : null;
        String configFile = parsed.hasMatchedOption(CONFIG) ? parsed.matchedOptionValue(CONFIG, (String) null) : null;
        return new ParsedLine(Optional.ofNullable(family), Optional.ofNullable(configFile), parameters, config,
                parsed.hasMatchedOption(DEPS_TREE), parsed.hasMatchedOption(EXPLAIN), parsed.isUsageHelpRequested());
    }

    /** The option as the user wrote it (of its spellings), for messages. */
    private static String given(ParseResult parsed, OptionSpec option) {
        for (String arg : parsed.originalArgs()) {
            for (String name : option.names()) {
                if (arg.equals(name) || arg.startsWith(name + "=")) {
                    return name;
                }
            }
        }
        return option.longestName();
    }

    /**
     * The command line, read.
     *
     * @param family the task family named, if any
     * @param configFile the --config value, if any
     * @param parameters family to parameter to text
     * @param configOverrides section to key to value
     * @param depsTree whether --deps-tree was given
     * @param explain whether --explain was given
     * @param help whether --help was given
     */
    record ParsedLine(Optional<String> family, Optional<String> configFile, Map<String, Map<String, String>> parameters,
            Map<String, Map<String, String>> configOverrides, boolean depsTree, boolean explain, boolean help) {
    }
}
