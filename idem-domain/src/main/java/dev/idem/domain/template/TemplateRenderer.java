package dev.idem.domain.template;

import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.UnaryOperator;
import java.util.regex.Matcher;

/**
 * Fills placeholders with values. Pure functions:
 * <ul>
 *   <li>values are inserted literally in a single pass and never re-scanned, so a value holding
 *       {@code {{other}}} appears as written (no template injection);</li>
 *   <li>when guarded, a value that holds the closing tag of an XML-like wrapper around its placeholder, e.g.
 *       {@code </system_context>} inside {@code <system_context>{{system_context}}</system_context>}, has
 *       that tag (and the matching opening tag) escaped as {@code &lt;/system_context&gt;}, and a notice says
 *       so. Every enclosing wrapper is protected, the nearest first.</li>
 * </ul>
 */
public final class TemplateRenderer {

    private TemplateRenderer() {
    }

    /**
     * Fills the placeholders of an evaluator setting (a string value, a judge prompt). Placeholders without a
     * value are left exactly as written.
     *
     * @param template text with placeholders
     * @param values   values by name
     * @return the filled text
     */
    public static String fill(String template, Map<String, String> values) {
        Objects.requireNonNull(template, "template");
        Map<String, String> given = values == null ? Map.of() : values;
        Matcher m = Placeholders.PLACEHOLDER.matcher(template);
        StringBuilder out = new StringBuilder(template.length());
        int last = 0;
        while (m.find()) {
            String value = given.get(m.group("name"));
            out.append(template, last, m.start()).append(value == null ? m.group() : value);
            last = m.end();
        }
        return out.append(template, last, template.length()).toString();
    }

    /**
     * Fills every placeholder of a message with its value, neutralising any tag of an enclosing wrapper that
     * the value holds.
     *
     * @param template text with placeholders
     * @param valueOf  the value of a placeholder, by name (it may throw when there is none)
     * @param notices  receives one notice per neutralised value
     * @return the filled text
     */
    public static String fillGuarded(String template, UnaryOperator<String> valueOf, Set<String> notices) {
        Matcher m = Placeholders.PLACEHOLDER.matcher(template);
        StringBuilder out = new StringBuilder(template.length());
        int last = 0;
        while (m.find()) {
            String name = m.group("name");
            String value = valueOf.apply(name);
            for (String tag : Delimiters.around(template, m.start(), m.end())) {
                Delimiters.Neutralised n = Delimiters.neutralise(value, tag);
                if (n.changed()) {
                    notices.add(notice(name, tag, n));
                    value = n.value();
                }
            }
            out.append(template, last, m.start()).append(value);
            last = m.end();
        }
        return out.append(template, last, template.length()).toString();
    }

    private static String notice(String name, String tag, Delimiters.Neutralised n) {
        return n.hadClosing()
                ? "value of '" + name + "' contained the closing tag </" + tag
                        + ">; neutralised so it cannot end its delimiters"
                : "value of '" + name + "' contained the opening tag <" + tag
                        + ">; neutralised so it cannot imitate its delimiters";
    }
}
