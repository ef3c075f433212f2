package io.cascata.core.cli;

import io.cascata.core.param.ParameterSpec;
import io.cascata.core.param.TaskFamily;
import java.util.Map;

/** The help text for one task family, and the list of all families. */
final class FamilyHelp {

    private FamilyHelp() {
    }

    static String family(TaskFamily family) {
        StringBuilder out = new StringBuilder();
        out.append("Usage: java -jar pipeline.jar ").append(family.name());
        for (ParameterSpec p : family.parameters()) {
            boolean optional = p.defaultValue().isPresent();
            out.append(' ').append(optional ? "[" : "").append("--").append(p.optionName()).append(' ')
                    .append(p.type().name()).append(optional ? "]" : "");
        }
        out.append("\n\n");
        if (family.parameters().isEmpty()) {
            out.append(family.name()).append(" has no parameters.\n");
            return out.toString();
        }
        out.append("Parameters of ").append(family.name()).append(":\n");
        int width = 0;
        for (ParameterSpec p : family.parameters()) {
            width = Math.max(width, label(p).length());
        }
        for (ParameterSpec p : family.parameters()) {
            out.append("  ").append(String.format("%-" + width + "s", label(p))).append("  ");
            out.append(p.description().isEmpty() ? "" : p.description() + " ");
            out.append(p.defaultText().map(d -> "[default: " + (d.isEmpty() ? "none" : d) + "]").orElse("(required)"));
            if (!p.significant()) {
                out.append(" (insignificant)");
            }
            out.append('\n');
        }
        out.append("\nAny task's parameter can also be set as --").append(family.name())
                .append("-NAME VALUE, or as NAME=VALUE in section [").append(family.name()).append("] of the config.\n");
        return out.toString();
    }

    private static String label(ParameterSpec p) {
        return "--" + p.optionName() + " " + p.type().name();
    }

    static String families(Map<String, TaskFamily> families) {
        StringBuilder out = new StringBuilder("Task families:\n");
        for (Map.Entry<String, TaskFamily> e : families.entrySet()) {
            TaskFamily f = e.getValue();
            out.append("  ").append(e.getKey());
            if (!f.parameters().isEmpty()) {
                out.append("  (").append(f.describeParameters()).append(')');
            }
            out.append('\n');
        }
        out.append("\n'java -jar pipeline.jar TaskFamily --help' lists one family's parameters.\n");
        return out.toString();
    }
}
