package dev.idem.domain.template;

import dev.idem.domain.spec.MessageTemplate;
import dev.idem.domain.spec.PromptSpec;
import dev.idem.domain.spec.Variable;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;

/**
 * Fills a spec's placeholders with values. A pure function:
 * <ul>
 *   <li>values are inserted literally in a single pass and never re-scanned, so a value holding
 *       {@code {{other}}} appears as written (no template injection);</li>
 *   <li>a declared variable's default applies when no value is given; a declared optional variable with
 *       neither renders as empty;</li>
 *   <li>a value that holds the closing tag of an XML-like wrapper around its placeholder, e.g.
 *       {@code </system_context>} inside {@code <system_context>{{system_context}}</system_context>}, has
 *       that tag (and the matching opening tag) escaped as {@code &lt;/system_context&gt;}, and a notice says
 *       so. Every enclosing wrapper is protected, the nearest first.</li>
 * </ul>
 */
public final class TemplateRenderer {

    private TemplateRenderer() {
    }

    /**
     * Renders every message of a spec.
     *
     * @param spec   the spec
     * @param values variable values by name
     * @return the rendered messages and any notices about neutralised values
     * @throws InvalidInputException if a required declared variable has no value and no default, or if a
     *                               placeholder that is not declared has no value
     */
    public static RenderedPrompt render(PromptSpec spec, Map<String, String> values) {
        Objects.requireNonNull(spec, "spec");
        Map<String, String> given = values == null ? Map.of() : values;
        List<Message> messages = new ArrayList<>(spec.messages().size());
        Set<String> notices = new LinkedHashSet<>();
        for (MessageTemplate template : spec.messages()) {
            messages.add(new Message(template.role(), renderContent(spec, template.content(), given, notices)));
        }
        return new RenderedPrompt(messages, new ArrayList<>(notices));
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
            String value = given.get(m.group(1));
            out.append(template, last, m.start()).append(value == null ? m.group() : value);
            last = m.end();
        }
        return out.append(template, last, template.length()).toString();
    }

    private static String renderContent(PromptSpec spec, String template, Map<String, String> values,
                                        Set<String> notices) {
        Matcher m = Placeholders.PLACEHOLDER.matcher(template);
        StringBuilder out = new StringBuilder(template.length());
        int last = 0;
        while (m.find()) {
            String name = m.group(1);
            String value = valueOf(spec, name, values);
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

    private static String valueOf(PromptSpec spec, String name, Map<String, String> values) {
        String given = values.get(name);
        if (given != null) {
            return given;
        }
        Optional<Variable> declared = spec.variable(name);
        if (declared.isPresent()) {
            Variable variable = declared.get();
            if (variable.defaultValue().isPresent()) {
                return variable.defaultValue().get();
            }
            if (variable.required()) {
                throw new InvalidInputException(name, "missing value for required variable '" + name + "'");
            }
            return "";
        }
        if (spec.variablesDeclared()) {
            throw new InvalidInputException(name,
                    "missing value for placeholder '{{" + name + "}}', which is not a declared variable");
        }
        throw new InvalidInputException(name, "missing value for variable '" + name + "'");
    }

    private static String notice(String name, String tag, Delimiters.Neutralised n) {
        return n.hadClosing()
                ? "value of '" + name + "' contained the closing tag </" + tag
                        + ">; neutralised so it cannot end its delimiters"
                : "value of '" + name + "' contained the opening tag <" + tag
                        + ">; neutralised so it cannot imitate its delimiters";
    }
}
