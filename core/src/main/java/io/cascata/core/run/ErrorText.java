package io.cascata.core.run;

import java.util.regex.Pattern;

/**
 * The one-line text by which the summary, the summary JSON and the log name an error: the
 * exception's simple type name and its message, e.g. {@code IOException: disk full}. Memory
 * running out is said in words, whatever library wrapped it.
 */
public final class ErrorText {

    /** A message that starts with a path or URI and a colon: what the error is about, before why. */
    private static final Pattern LEADING_LOCATION = Pattern.compile("^[^\\s:]*[/\\\\][^\\s]*?: ");

    private ErrorText() {
    }

    public static String of(Throwable e) {
        String message = e.getMessage();
        String text = e.getClass().getSimpleName() + (message == null ? "" : ": " + message);
        Throwable oom = outOfMemory(e);
        if (oom != null && oom != e) {
            return "out of memory (" + oom.getClass().getSimpleName() + ": " + oom.getMessage() + "), in " + text;
        }
        return oom != null ? "out of memory (" + text + ")" : text;
    }

    /**
     * The innermost cause without the path it names: what failures share when one cause (a full
     * disk, say) fails many tasks, each on its own file.
     */
    static String cause(Throwable e) {
        Throwable inner = e;
        while (inner.getCause() != null && inner.getCause() != inner) {
            inner = inner.getCause();
        }
        String message = inner.getMessage() == null ? "" : LEADING_LOCATION.matcher(inner.getMessage()).replaceFirst("");
        return inner.getClass().getSimpleName() + (message.isEmpty() ? "" : ": " + message);
    }

    private static Throwable outOfMemory(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof OutOfMemoryError) {
                return t;
            }
        }
        return null;
    }
}
