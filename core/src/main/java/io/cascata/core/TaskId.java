package io.cascata.core;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.cascata.core.json.Json;
import io.cascata.core.param.TaskFamily;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.Map;
import java.util.TreeMap;

/**
 * The identity of a task: its family and significant parameter values. {@link #value()} reads
 * like Luigi's task ids ({@code Family_firstValues_hash}); the hash is SHA-256 of the parameters
 * as canonical JSON (keys sorted, values as text), the same in every JVM and run.
 *
 * @param family the family name
 * @param parameters significant parameters as canonical text, in declaration order
 * @param hash ten hex digits of the parameter hash
 */
public record TaskId(String family, Map<String, String> parameters, String hash) implements Comparable<TaskId> {

    private static final int SUMMARY_VALUES = 3;
    private static final int SUMMARY_CHARS = 16;

    public TaskId {
        parameters = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(parameters));
    }

    /** The id of a task. */
    public static TaskId of(Task task) {
        TaskFamily family = TaskFamily.of(task.getClass());
        Map<String, String> params = family.textValues(task, true);
        return new TaskId(task.family(), params, hash(params));
    }

    /** Ten hex digits of SHA-256 over the canonical JSON of the parameters. */
    static String hash(Map<String, String> params) {
        try {
            String canonical = Json.mapper().writeValueAsString(new TreeMap<>(params));
            return sha256Hex(canonical).substring(0, 10);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write parameters as JSON", e);
        }
    }

    static String sha256Hex(String text) {
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
            return family + "__" + hash;
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
        return out.append('_').append(hash).toString().replaceAll("[^A-Za-z0-9_]", "_");
    }

    /** The human form used in the summary and logs: {@code Family(param=value, other=1)}. */
    public String display() {
        StringBuilder out = new StringBuilder(family).append('(');
        boolean first = true;
        for (Map.Entry<String, String> e : parameters.entrySet()) {
            if (!first) {
                out.append(", ");
            }
            first = false;
            out.append(e.getKey()).append('=').append(e.getValue());
        }
        return out.append(')').toString();
    }

    @Override
    public int compareTo(TaskId o) {
        int c = family.compareTo(o.family);
        return c != 0 ? c : display().compareTo(o.display());
    }

    @Override
    public String toString() {
        return display();
    }
}
