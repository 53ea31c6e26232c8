package dev.idem.adapter.langchain4j;

import java.time.Duration;
import java.util.Optional;

/**
 * Walks the cause chain of what a langchain4j client threw, and renders a failure or a wait for an error message,
 * the same way in every langchain4j-based adapter.
 */
public final class Causes {

    private static final int MAX_DETAIL = 300;

    private Causes() {
    }

    /** The first throwable of the given type in the cause chain of {@code failure}, itself included. */
    public static <T extends Throwable> Optional<T> find(Throwable failure, Class<T> type) {
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (type.isInstance(t)) {
                return Optional.of(type.cast(t));
            }
        }
        return Optional.empty();
    }

    /** The last throwable of the cause chain of {@code failure}; {@code failure} itself when it has no cause. */
    public static Throwable rootOf(Throwable failure) {
        Throwable t = failure;
        while (t.getCause() != null && t.getCause() != t) {
            t = t.getCause();
        }
        return t;
    }

    /** The simple class name, followed by the message on one shortened line when there is one. */
    public static String describe(Throwable t) {
        String message = t.getMessage();
        return t.getClass().getSimpleName() + (message == null || message.isBlank() ? "" : ": " + shorten(message));
    }

    /**
     * What a reply lacked, from what the client threw while reading it: a client that meets a missing field
     * fails with a JDK exception about its own internals (a {@code NullPointerException} naming its classes), which
     * tells a user nothing; any other failure is described as {@link #describe} does.
     */
    public static String whatIsMissing(Throwable readingFailure) {
        if (readingFailure instanceof NullPointerException || readingFailure instanceof IndexOutOfBoundsException
                || readingFailure instanceof ClassCastException) {
            return "a field the protocol requires is missing, empty or of another type";
        }
        return describe(readingFailure);
    }

    /** {@code text} on one line with runs of whitespace collapsed, cut after 300 characters with {@code ...}. */
    public static String shorten(String text) {
        String oneLine = text.replaceAll("\\s+", " ").strip();
        return oneLine.length() <= MAX_DETAIL ? oneLine : oneLine.substring(0, MAX_DETAIL) + "...";
    }

    /** A duration for a message: whole seconds as {@code 30s}, anything else in milliseconds as {@code 1500ms}. */
    public static String seconds(Duration d) {
        long millis = d.toMillis();
        return millis % 1000 == 0 ? millis / 1000 + "s" : millis + "ms";
    }
}
