package dev.idem.domain.evaluation;

/** Short quotations of replies for verdict details, so a report shows what was seen without the whole reply. */
final class Excerpt {

    static final int MAX = 120;

    private Excerpt() {
    }

    /** The text on one line, whitespace runs collapsed, cut to at most {@value #MAX} characters. */
    static String of(String text) {
        String flat = text == null ? "" : text.strip().replaceAll("\\s+", " ");
        return flat.length() <= MAX ? flat : flat.substring(0, MAX - 1) + "…";
    }

    /** The excerpt in single quotes, for details. */
    static String quoted(String text) {
        return "'" + of(text) + "'";
    }
}
