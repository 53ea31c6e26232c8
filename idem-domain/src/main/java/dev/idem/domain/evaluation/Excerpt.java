package dev.idem.domain.evaluation;

/**
 * Short quotations of replies for verdict details, so a report shows what was seen without the whole reply. Every
 * evaluator quotes the same way, the LLM judge included.
 */
public final class Excerpt {

    /** The longest excerpt, in characters. */
    public static final int MAX = 120;

    private Excerpt() {
    }

    /** The text on one line, whitespace runs collapsed, cut to at most {@value #MAX} characters. */
    public static String of(String text) {
        String flat = text == null ? "" : text.strip().replaceAll("\\s+", " ");
        return flat.length() <= MAX ? flat : flat.substring(0, MAX - 1) + "…";
    }

    /** The excerpt in single quotes, for details. */
    public static String quoted(String text) {
        return "'" + of(text) + "'";
    }
}
