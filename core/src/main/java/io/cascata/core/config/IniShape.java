package io.cascata.core.config;

import java.util.List;

/**
 * The line-by-line shape of an INI config file, checked before its values are read: the INI
 * reader takes any line as a key and keys before the first section as a section of no name, so
 * that a file in another format (or a key a user meant for {@code [core]}) would be read as
 * nothing at all. Every line must be blank, a comment ({@code #} or {@code ;}), a
 * {@code [section]} header, a {@code key=value} (or {@code key: value}) line after a header, or
 * the continuation of a value (indented, or after a line ending in a backslash).
 */
final class IniShape {

    private IniShape() {
    }

    /** Throws a ConfigException naming the file, the line number and the line when a line breaks the shape. */
    static void check(List<String> lines, String file) {
        boolean inSection = false;
        boolean continued = false;
        boolean afterKey = false;
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i);
            String t = line.strip();
            boolean continues = continued;
            continued = t.endsWith("\\");
            if (continues || t.isEmpty() || t.startsWith("#") || t.startsWith(";")) {
                continue;
            }
            if (afterKey && Character.isWhitespace(line.charAt(0))) {
                continue; // an indented continuation of the value above
            }
            if (t.startsWith("[")) {
                if (!t.endsWith("]") || t.length() < 3) {
                    throw bad(file, i, line, "is not a [section] header");
                }
                inSection = true;
                afterKey = false;
                continue;
            }
            int separator = firstSeparator(t);
            if (separator <= 0) {
                throw bad(file, i, line, "is neither a [section] header nor a key=value line (is this an INI file?)");
            }
            if (!inSection) {
                throw bad(file, i, line, "comes before any [section]; put it under one, such as [core]");
            }
            afterKey = true;
        }
    }

    private static int firstSeparator(String line) {
        int eq = line.indexOf('=');
        int colon = line.indexOf(':');
        if (eq < 0) {
            return colon;
        }
        return colon < 0 ? eq : Math.min(eq, colon);
    }

    private static ConfigException bad(String file, int index, String line, String problem) {
        String shown = line.strip();
        if (shown.length() > 60) {
            shown = shown.substring(0, 57) + "...";
        }
        return new ConfigException("config file " + file + ", line " + (index + 1) + ": '" + shown + "' " + problem);
    }
}
