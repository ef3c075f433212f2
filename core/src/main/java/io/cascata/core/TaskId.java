package io.cascata.core;

import io.cascata.core.param.ParameterSpec;
import io.cascata.core.param.TaskFamily;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.AbstractMap;
import java.util.AbstractSet;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Objects;
import java.util.Set;

/**
 * The identity of a task: its family and significant parameter values. {@link #value()} reads
 * like Luigi's task ids ({@code Family_firstValues_hash}); the hash is SHA-256 of the parameters
 * as canonical JSON (keys sorted, values as JSON strings), the same in every JVM and run.
 * Immutable; the hash is computed on first use.
 */
public final class TaskId implements Comparable<TaskId> {

    private static final int SUMMARY_VALUES = 3;
    private static final int SUMMARY_CHARS = 16;
    /** Never fed, only copied (see {@link #sha256}). */
    private static final MessageDigest SHA_256 = newSha256();

    /** The significant parameters of each task class, read once: ids of one class share the name array. */
    private static final ClassValue<Layout> LAYOUTS = new ClassValue<>() {
        @Override
        protected Layout computeValue(Class<?> type) {
            return Layout.of(TaskFamily.of(type));
        }
    };

    private final String family;
    // Parallel arrays rather than a map: a big graph holds one id per task, and ids of one task
    // class share their name array.
    private final String[] names;
    private final String[] values;
    private final int hashCode;
    private volatile String hash;

    /**
     * @param family the family name
     * @param parameters significant parameters as canonical text, in declaration order
     */
    public TaskId(String family, Map<String, String> parameters) {
        this.family = Objects.requireNonNull(family, "family");
        int n = parameters.size();
        this.names = new String[n];
        this.values = new String[n];
        int i = 0;
        for (Map.Entry<String, String> e : parameters.entrySet()) {
            names[i] = Objects.requireNonNull(e.getKey(), "parameter name");
            values[i] = Objects.requireNonNull(e.getValue(), "parameter value");
            i++;
        }
        this.hashCode = hashOf(family, names, values);
    }

    private TaskId(String family, String[] names, String[] values) {
        this.family = family;
        this.names = names;
        this.values = values;
        this.hashCode = hashOf(family, names, values);
    }

    /** The id of a task. */
    public static TaskId of(Task task) {
        Layout layout = LAYOUTS.get(task.getClass());
        String[] values = new String[layout.names.length];
        for (int i = 0; i < values.length; i++) {
            values[i] = layout.text(i, task);
        }
        return new TaskId(Objects.requireNonNull(task.family(), "family"), layout.names, values);
    }

    /** The same value as the hash code of a map of these parameters, so equal ids hash alike in any order. */
    private static int hashOf(String family, String[] names, String[] values) {
        int h = 0;
        for (int i = 0; i < names.length; i++) {
            h += names[i].hashCode() ^ values[i].hashCode();
        }
        return 31 * family.hashCode() + h;
    }

    public String family() {
        return family;
    }

    /** Significant parameters as canonical text, in declaration order (an unmodifiable view). */
    public Map<String, String> parameters() {
        return new ParameterView();
    }

    /** Ten hex digits of SHA-256 over the canonical JSON of the parameters. */
    public String hash() {
        String h = hash;
        if (h == null) {
            byte[] digest = sha256(canonicalJson());
            h = HexFormat.of().formatHex(digest, 0, 5);
            hash = h;
        }
        return h;
    }

    /**
     * The parameters' indexes in name order. Ids have a handful of parameters: an insertion sort
     * over an index array costs less than the sorted map it replaces, and ids are hashed and
     * named once per task in big graphs (the run history, logs).
     */
    private int[] sortedByName() {
        int[] order = new int[names.length];
        for (int i = 0; i < order.length; i++) {
            int j = i;
            while (j > 0 && names[order[j - 1]].compareTo(names[i]) > 0) {
                order[j] = order[j - 1];
                j--;
            }
            order[j] = i;
        }
        return order;
    }

    private static MessageDigest newSha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
    }

    /** {"a":"1","b":"x"}: keys sorted, every value a JSON string (what {@link #hash()} digests). */
    String canonicalJson() {
        StringBuilder json = new StringBuilder(2 + 8 * names.length + 16 * names.length).append('{');
        int[] order = sortedByName();
        for (int k = 0; k < order.length; k++) {
            if (k > 0) {
                json.append(',');
            }
            quote(names[order[k]], json);
            json.append(':');
            quote(values[order[k]], json);
        }
        return json.append('}').toString();
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
        return HexFormat.of().formatHex(sha256(text));
    }

    private static byte[] sha256(String text) {
        try {
            // A copy of a digest that was never fed: looking the algorithm up among the security
            // providers on every call costs more than the hash of a short id.
            MessageDigest digest = (MessageDigest) SHA_256.clone();
            return digest.digest(text.getBytes(StandardCharsets.UTF_8));
        } catch (CloneNotSupportedException e) {
            try {
                return MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
            } catch (NoSuchAlgorithmException missing) {
                throw new IllegalStateException("SHA-256 is missing from this JVM", missing);
            }
        }
    }

    /**
     * The id as one token, safe in file names and job names: family, the first parameter values
     * (shortened, non-alphanumerics as {@code _}) and the hash.
     */
    public String value() {
        if (names.length == 0) {
            return family + "__" + hash();
        }
        String hash = hash();
        int[] order = sortedByName();
        int shown = Math.min(order.length, SUMMARY_VALUES);
        int size = family.length() + shown + 1 + hash.length();
        for (int n = 0; n < shown; n++) {
            size += Math.min(values[order[n]].length(), SUMMARY_CHARS);
        }
        // Built as ASCII bytes with every character outside [A-Za-z0-9_] already '_': this runs
        // once per task in big graphs (logs, history), where it showed in profiles.
        byte[] out = new byte[size];
        int at = tokenChars(family, family.length(), out, 0);
        for (int n = 0; n < shown; n++) {
            out[at++] = '_';
            String v = values[order[n]];
            at = tokenChars(v, Math.min(v.length(), SUMMARY_CHARS), out, at);
        }
        out[at++] = '_';
        at = tokenChars(hash, hash.length(), out, at);
        return new String(out, 0, at, StandardCharsets.ISO_8859_1);
    }

    /** Copies the first {@code length} chars of {@code s}, each outside [A-Za-z0-9_] as '_'; returns the next index. */
    private static int tokenChars(String s, int length, byte[] out, int at) {
        for (int i = 0; i < length; i++) {
            char c = s.charAt(i);
            out[at++] = (byte) (c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' ? c : '_');
        }
        return at;
    }

    /**
     * The human form used in the summary and logs: {@code Family(param=value, other=1)}. Built on
     * each call rather than kept, so that a big graph does not hold a second copy of every id.
     */
    public String display() {
        StringBuilder out = new StringBuilder(family.length() + 16 * names.length + 2).append(family).append('(');
        for (int i = 0; i < names.length; i++) {
            if (i > 0) {
                out.append(", ");
            }
            out.append(names[i]).append('=').append(values[i]);
        }
        return out.append(')').toString();
    }

    /** Orders by family, then as the {@link #display()} texts compare, without building them. */
    @Override
    public int compareTo(TaskId o) {
        int c = family.compareTo(o.family);
        if (c != 0) {
            return c;
        }
        DisplayCursor a = new DisplayCursor(this);
        DisplayCursor b = new DisplayCursor(o);
        while (true) {
            int x = a.next();
            int y = b.next();
            if (x != y) {
                return x - y;
            }
            if (x < 0) {
                return 0;
            }
        }
    }

    @Override
    public boolean equals(Object o) {
        if (this == o) {
            return true;
        }
        if (!(o instanceof TaskId other) || other.hashCode != hashCode || !other.family.equals(family)
                || other.names.length != names.length) {
            return false;
        }
        if (other.names == names || Arrays.equals(other.names, names)) {
            return Arrays.equals(other.values, values);
        }
        return other.parameters().equals(parameters()); // the same parameters, declared in another order
    }

    @Override
    public int hashCode() {
        return hashCode;
    }

    @Override
    public String toString() {
        return display();
    }

    /** The parameters as a read-only map over the id's arrays. */
    private final class ParameterView extends AbstractMap<String, String> {

        @Override
        public int size() {
            return names.length;
        }

        @Override
        public String get(Object key) {
            for (int i = 0; i < names.length; i++) {
                if (names[i].equals(key)) {
                    return values[i];
                }
            }
            return null;
        }

        @Override
        public boolean containsKey(Object key) {
            return get(key) != null;
        }

        @Override
        public Set<Map.Entry<String, String>> entrySet() {
            return new AbstractSet<>() {
                @Override
                public int size() {
                    return names.length;
                }

                @Override
                public Iterator<Map.Entry<String, String>> iterator() {
                    return new Iterator<>() {
                        private int next;

                        @Override
                        public boolean hasNext() {
                            return next < names.length;
                        }

                        @Override
                        public Map.Entry<String, String> next() {
                            if (next >= names.length) {
                                throw new NoSuchElementException();
                            }
                            Map.Entry<String, String> e = new AbstractMap.SimpleImmutableEntry<>(names[next], values[next]);
                            next++;
                            return e;
                        }
                    };
                }
            };
        }
    }

    /** How a task class's significant parameters are read and written as text. */
    private record Layout(String[] names, ParameterSpec[] specs) {

        static Layout of(TaskFamily family) {
            List<ParameterSpec> significant = new ArrayList<>();
            for (ParameterSpec p : family.parameters()) {
                if (p.significant()) {
                    significant.add(p);
                }
            }
            String[] names = new String[significant.size()];
            for (int i = 0; i < names.length; i++) {
                names[i] = significant.get(i).name();
            }
            return new Layout(names, significant.toArray(new ParameterSpec[0]));
        }

        String text(int i, Task task) {
            ParameterSpec p = specs[i];
            Object value = p.read(task);
            return value == null ? "null" : p.type().serialize(value);
        }
    }

    /** Reads the display text after {@code Family(} one char at a time; -1 at its end. */
    private static final class DisplayCursor {
        private final TaskId id;
        private int param;
        private int part; // 0: the separator before the parameter, 1: its name, 2: '=', 3: its value
        private int offset;

        DisplayCursor(TaskId id) {
            this.id = id;
        }

        int next() {
            while (true) {
                if (param == id.names.length) {
                    if (part == 0) {
                        part = 1;
                        return ')';
                    }
                    return -1;
                }
                String text = switch (part) {
                    case 0 -> param == 0 ? "" : ", ";
                    case 1 -> id.names[param];
                    case 2 -> "=";
                    default -> id.values[param];
                };
                if (offset < text.length()) {
                    return text.charAt(offset++);
                }
                offset = 0;
                if (++part == 4) {
                    part = 0;
                    param++;
                }
            }
        }
    }
}
