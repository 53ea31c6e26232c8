package dev.idem.domain.spec;

import dev.idem.domain.template.InvalidInputException;
import dev.idem.domain.template.Message;
import dev.idem.domain.template.RenderedPrompt;
import dev.idem.domain.template.Role;
import dev.idem.domain.template.TemplateRenderer;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Renders a spec's messages with values, through {@link TemplateRenderer#fillGuarded} (literal values, never
 * re-scanned; wrapper tags in values neutralised). A declared variable's default applies when no value is
 * given; a declared optional variable with neither renders as empty. An empty system message is not sent.
 */
public final class PromptRenderer {

    private PromptRenderer() {
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
            if (template.role() == Role.SYSTEM && template.content().isBlank()) {
                // an empty system prompt, as a playground export writes it: there is nothing to send
                continue;
            }
            messages.add(new Message(template.role(),
                    TemplateRenderer.fillGuarded(template.content(), name -> valueOf(spec, name, given), notices)));
        }
        return new RenderedPrompt(messages, new ArrayList<>(notices));
    }

    /**
     * Refuses values given for names the spec neither declares nor uses in a message: a misspelt name would otherwise
     * be dropped without a word, and the prompt sent without the value meant for it. Test rows are not held to this
     * (their other values feed the evaluators).
     *
     * @throws InvalidInputException naming the unknown names and the spec's variables
     */
    public static void requireKnown(PromptSpec spec, Collection<String> names) {
        List<String> known = spec.variableNames();
        List<String> unknown = names.stream().filter(n -> !known.contains(n)).toList();
        if (unknown.isEmpty()) {
            return;
        }
        String quoted = unknown.stream().map(n -> "'" + n + "'").collect(Collectors.joining(", "));
        String which = known.isEmpty() ? "the spec has no variables" : "the spec's variables: " + String.join(", ", known);
        throw new InvalidInputException(unknown.get(0),
                (unknown.size() == 1 ? "unknown variable " : "unknown variables ") + quoted + " (" + which + ")");
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
}
