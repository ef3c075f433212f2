package io.cascata.core.run;

/**
 * The one-line text by which the summary, the summary JSON and the log name an error: the
 * exception's simple type name and its message, e.g. {@code IOException: disk full}.
 */
final class ErrorText {

    private ErrorText() {
    }

    static String of(Throwable e) {
        String message = e.getMessage();
        return e.getClass().getSimpleName() + (message == null ? "" : ": " + message);
    }
}
