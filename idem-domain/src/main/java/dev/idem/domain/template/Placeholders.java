package dev.idem.domain.template;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.function.BiFunction;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The placeholders of a template: {@code {{name}}} or {@code {{ name }}}, where a name is made of letters,
 * digits, {@code _}, {@code -} and {@code .}.
 */
public final class Placeholders {

    /** Group 1 is the placeholder's name. */
    static final Pattern PLACEHOLDER = Pattern.compile("\\{\\{\\s*([A-Za-z0-9_.\\-]+)\\s*}}");

    private Placeholders() {
    }

    /**
     * The names of the placeholders in a template.
     *
     * @param template text that may hold placeholders; {@code null} counts as empty
     * @return distinct names, in order of first appearance
     */
    public static List<String> names(String template) {
        if (template == null || template.isEmpty()) {
            return List.of();
        }
        Set<String> names = new LinkedHashSet<>();
        Matcher m = PLACEHOLDER.matcher(template);
        while (m.find()) {
            names.add(m.group(1));
        }
        return List.copyOf(names);
    }

    /**
     * Replaces every placeholder of a template in one pass (replacements are never re-scanned).
     *
     * @param template    text that may hold placeholders
     * @param replacement the text for a placeholder, given its name and the offset where it starts
     * @return the template with every placeholder replaced
     */
    public static String replace(String template, BiFunction<String, Integer, String> replacement) {
        Matcher m = PLACEHOLDER.matcher(template);
        StringBuilder out = new StringBuilder(template.length());
        int last = 0;
        while (m.find()) {
            out.append(template, last, m.start()).append(replacement.apply(m.group(1), m.start()));
            last = m.end();
        }
        return out.append(template, last, template.length()).toString();
    }
}
