package dev.idem.domain.template;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.function.BiFunction;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The placeholders of a template: {@code {{name}}} or {@code {{ name }}}, where a name is an identifier: a letter
 * or {@code _}, then letters, digits, {@code _}, {@code -} and {@code .} (as actions/ai-inference reads them).
 * {@code {{.name}}}, the Go-template form of the first gh models format, is the placeholder {@code name}.
 *
 * <p>What only looks like one is not: {@code {{ ... }}} or {@code {{1}}} (not identifiers), Handlebars logic
 * ({@code {{#if x}}}, {@code {{/if}}}, {@code {{else}}}, {@code {{this.title}}}) and GitHub Actions expressions
 * ({@code ${{ x }}}); they stay as written, and {@link #lookalikes} finds them so that a spec can be warned.
 */
public final class Placeholders {

    /** Group {@code name} is the placeholder's name; group {@code dot} is there in the Go-template form. */
    static final Pattern PLACEHOLDER = Pattern.compile(
            "(?<!\\$)\\{\\{\\s*(?<dot>\\.)?(?!(?:this|else)[.\\s}])(?<name>[A-Za-z_][\\w.-]*)\\s*}}");

    private static final Pattern TEMPLATE_LOGIC = Pattern.compile(
            "(?<!\\$)\\{\\{~?\\s*(?:[#/^>@]|(?:else|this)(?=[.\\s}~]))[^}]*}}");
    private static final Pattern ACTIONS_EXPRESSION = Pattern.compile("\\$\\{\\{[^}]*}}");

    private Placeholders() {
    }

    /**
     * Something in a template that looks like a placeholder and is read otherwise.
     *
     * @param kind what it is
     * @param text as written, e.g. {@code {{#if x}}}
     */
    public record Lookalike(Kind kind, String text) {

        /** What a lookalike is. */
        public enum Kind {
            /** {@code {{.name}}}: read as the placeholder {@code name}. */
            GO_TEMPLATE,
            /** Handlebars logic such as {@code {{#if x}}}: not evaluated, sent as written. */
            TEMPLATE_LOGIC,
            /** {@code ${{ x }}}: a GitHub Actions expression, sent as written. */
            ACTIONS_EXPRESSION
        }
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
            names.add(m.group("name"));
        }
        return List.copyOf(names);
    }

    /**
     * What in a template looks like a placeholder and is read otherwise: by kind, each in order of appearance.
     *
     * @param template text that may hold placeholders; {@code null} counts as empty
     */
    public static List<Lookalike> lookalikes(String template) {
        List<Lookalike> found = new ArrayList<>();
        if (template == null || template.isEmpty()) {
            return found;
        }
        Matcher m = PLACEHOLDER.matcher(template);
        while (m.find()) {
            if (m.group("dot") != null) {
                found.add(new Lookalike(Lookalike.Kind.GO_TEMPLATE, m.group()));
            }
        }
        TEMPLATE_LOGIC.matcher(template).results()
                .forEach(r -> found.add(new Lookalike(Lookalike.Kind.TEMPLATE_LOGIC, r.group())));
        ACTIONS_EXPRESSION.matcher(template).results()
                .forEach(r -> found.add(new Lookalike(Lookalike.Kind.ACTIONS_EXPRESSION, r.group())));
        return found;
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
            out.append(template, last, m.start()).append(replacement.apply(m.group("name"), m.start()));
            last = m.end();
        }
        return out.append(template, last, template.length()).toString();
    }
}
