package io.cascata.core;

import io.cascata.core.param.TaskFamily;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Collections;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * The identity of a task: its family and significant parameter values. {@link #value()} reads
 * like Luigi's task ids ({@code Family_firstValues_hash}); the hash is SHA-256 of the parameters
 * as canonical JSON (keys sorted, values as JSON strings), the same in every JVM and run.
 * Immutable; the hash and the display text are computed on first use.
 */
public final class TaskId implements Comparable<TaskId> {

    private static final int SUMMARY_VALUES = 3;
    private static final int SUMMARY_CHARS = 16;

    private final String family;
    private final Map<String, String> parameters;
    private final int hashCode;
    private volatile String hash;
    private volatile String display;

    /**
     * @param family the family name
     * @param parameters significant parameters as canonical text, in declaration order
     */
    public TaskId(String family, Map<String, String> parameters) {
        this.family = Objects.requireNonNull(family, "family");
        this.parameters = Collections.unmodifiableMap(new LinkedHashMap<>(parameters));
        this.hashCode = 31 * family.hashCode() + this.parameters.hashCode();
    }

    /** The id of a task. */
    public static TaskId of(Task task) {
        return new TaskId(task.family(), TaskFamily.of(task.getClass()).textValues(task, true));
    }

    public String family() {
        return family;
    }

    /** Significant parameters as canonical text, in declaration order. */
    public Map<String, String> parameters() {
        return parameters;
    }

    /** Ten hex digits of SHA-256 over the canonical JSON of the parameters. */
    public String hash() {
        String h = hash;
        if (h == null) {
            h = sha256Hex(canonicalJson(parameters)).substring(0, 10);
            hash = h;
        }
        return h;
    }

    /** {"a":"1","b":"x"}: keys sorted, every value a JSON string. */
    static String canonicalJson(Map<String, String> parameters) {
        StringBuilder out = new StringBuilder("{");
        boolean first = true;
        for (Map.Entry<String, String> e : new TreeMap<>(parameters).entrySet()) {
            if (!first) {
                out.append(',');
            }
            first = false;
            quote(e.getKey(), out);
            out.append(':');
            quote(e.getValue(), out);
        }
        return out.append('}').toString();
    }

    private static void quote(String s, StringBuilder out) {
        out.append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                default -> {
                    if (c < 0x20) {
                        out.append(String.format("\\u%04x", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        out.append('"');
    }

    public static String sha256Hex(String text) {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            return HexFormat.of().formatHex(digest.digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
    }

    /**
     * The id as one token, safe in file names and job names: family, the first parameter values
     * (shortened, non-alphanumerics as {@code _}) and the hash.
     */
    public String value() {
        if (parameters.isEmpty()) {
            return family + "__" + hash();
        }
        StringBuilder out = new StringBuilder(family).append('_');
        int n = 0;
        for (Iterator<String> it = new TreeMap<>(parameters).values().iterator(); it.hasNext() && n < SUMMARY_VALUES; n++) {
            String v = it.next();
            if (n > 0) {
                out.append('_');
            }
            out.append(v.length() > SUMMARY_CHARS ? v.substring(0, SUMMARY_CHARS) : v);
        }
        return out.append('_').append(hash()).toString().replaceAll("[^A-Za-z0-9_]", "_");
    }

    /** The human form used in the summary and logs: {@code Family(param=value, other=1)}. */
    public String display() {
        String d = display;
        if (d == null) {
            StringBuilder out = new StringBuilder(family).append('(');
            boolean first = true;
            for (Map.Entry<String, String> e : parameters.entrySet()) {
                if (!first) {
                    out.append(", ");
                }
                first = false;
                out.append(e.getKey()).append('=').append(e.getValue());
            }
            d = out.append(')').toString();
            display = d;
        }
        return d;
    }

    @Override
    public int compareTo(TaskId o) {
        int c = family.compareTo(o.family);
        return c != 0 ? c : display().compareTo(o.display());
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof TaskId other && other.hashCode == hashCode && other.family.equals(family)
                && other.parameters.equals(parameters);
    }

    @Override
    public int hashCode() {
        return hashCode;
    }

    @Override
    public String toString() {
        return display();
    }
}
