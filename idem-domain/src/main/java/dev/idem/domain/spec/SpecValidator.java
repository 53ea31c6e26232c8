package dev.idem.domain.spec;

import dev.idem.domain.template.Placeholders;
import dev.idem.domain.template.Placeholders.Lookalike;
import dev.idem.domain.template.Role;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Lints a spec. Errors make it unusable:
 * <ul>
 *   <li>no messages, or none with content; an empty user or assistant message;</li>
 *   <li>two variables with the same name ({@code variables[i].name});</li>
 *   <li>a placeholder that is not a declared variable, when the spec declares variables
 *       ({@code messages[i].content});</li>
 *   <li>a test row without a value for a required variable that has no default, or, when the spec declares no
 *       variables, for a placeholder of its messages ({@code testData[i]}): an error of that row only (see
 *       {@link SpecIssue#testCase()}), which an evaluation reports for the row while the others run;</li>
 *   <li>a {@code regex} pattern with a placeholder that a test row it applies to does not provide: patterns are
 *       filled per row, and one left unfilled would fail that row whatever the reply.</li>
 * </ul>
 * Warnings do not: an empty system message (it is not sent), a declared variable no message uses, each unknown key (kept and ignored), a
 * {@code string} evaluator value that refers to a placeholder some test row does not provide (it stays as
 * written there), and what in a message only looks like a placeholder (see {@link Placeholders#lookalikes}): a
 * Go-template {@code {{.name}}} (read as {@code {{name}}}), Handlebars logic and a GitHub Actions expression
 * (sent as written), and each evaluator idem cannot check ({@link UnsupportedEvaluatorSpec}: the spec loads, an
 * evaluation must skip it).
 * Field paths are 0-based; positions come from the spec's {@link SpecSource}.
 */
public final class SpecValidator {

    private SpecValidator() {
    }

    /**
     * Every problem found in the spec.
     *
     * @return errors first, then warnings, each group in the order of the file
     */
    public static List<SpecIssue> validate(PromptSpec spec) {
        SpecSource source = spec.source();
        List<SpecIssue> issues = new ArrayList<>();
        if (spec.messages().isEmpty()) {
            issues.add(SpecIssue.error(source, "messages", "the spec has no messages"));
        }
        checkEmptyMessages(spec, issues);
        checkVariables(spec, issues);
        Set<String> used = checkPlaceholders(spec, issues);
        checkRows(spec, used, issues);
        checkUnused(spec, used, issues);
        issues.addAll(unknownKeys(spec));
        checkEvaluators(spec, issues);
        List<SpecIssue> sorted = new ArrayList<>(issues.stream().filter(SpecIssue::isError).toList());
        issues.stream().filter(i -> !i.isError()).forEach(sorted::add);
        return List.copyOf(sorted);
    }

    /** A warning for each key of the spec that idem does not know (kept, ignored). */
    public static List<SpecIssue> unknownKeys(PromptSpec spec) {
        return spec.unknownKeys().stream()
                .map(key -> SpecIssue.warning(spec.source(), key, "unknown key '" + lastSegment(key)
                        + "' (kept, ignored)"))
                .toList();
    }

    /**
     * An empty system message is not sent (a playground export writes one when there is no system prompt); an
     * empty user or assistant message is an error, as in actions/ai-inference: it asks nothing, or answers nothing.
     */
    private static void checkEmptyMessages(PromptSpec spec, List<SpecIssue> issues) {
        for (int i = 0; i < spec.messages().size(); i++) {
            MessageTemplate m = spec.messages().get(i);
            if (!m.content().isBlank()) {
                continue;
            }
            String field = "messages[" + i + "].content";
            if (m.role() == Role.SYSTEM) {
                issues.add(SpecIssue.warning(spec.source(), field, "empty system message: it is not sent"));
            } else {
                issues.add(SpecIssue.error(spec.source(), field, "empty " + m.role().wireName()
                        + " message: a message needs content"));
            }
        }
        if (!spec.messages().isEmpty() && spec.messages().stream().allMatch(m -> m.content().isBlank())) {
            issues.add(SpecIssue.error(spec.source(), "messages", "every message is empty: there is nothing to "
                    + "send"));
        }
    }

    private static void checkVariables(PromptSpec spec, List<SpecIssue> issues) {
        Map<String, Integer> firstIndex = new HashMap<>();
        for (int i = 0; i < spec.variables().size(); i++) {
            String name = spec.variables().get(i).name();
            Integer first = firstIndex.putIfAbsent(name, i);
            if (first != null) {
                issues.add(SpecIssue.error(spec.source(), "variables[" + i + "].name",
                        "duplicate variable '" + name + "' (first declared as variables[" + first + "])"));
            }
        }
    }

    /**
     * Reports undeclared placeholders and what only looks like a placeholder, and returns every placeholder name
     * the messages use.
     */
    private static Set<String> checkPlaceholders(PromptSpec spec, List<SpecIssue> issues) {
        Set<String> used = new LinkedHashSet<>();
        for (int i = 0; i < spec.messages().size(); i++) {
            checkLookalikes(spec, i, issues);
            for (String name : Placeholders.names(spec.messages().get(i).content())) {
                used.add(name);
                if (spec.variablesDeclared() && spec.variable(name).isEmpty()) {
                    issues.add(SpecIssue.error(spec.source(), "messages[" + i + "].content",
                            "placeholder '{{" + name + "}}' is not a declared variable"));
                }
            }
        }
        return used;
    }

    /** One warning per kind of lookalike in a message, quoting the first. */
    private static void checkLookalikes(PromptSpec spec, int message, List<SpecIssue> issues) {
        Map<Lookalike.Kind, List<String>> byKind = new EnumMap<>(Lookalike.Kind.class);
        for (Lookalike l : Placeholders.lookalikes(spec.messages().get(message).content())) {
            byKind.computeIfAbsent(l.kind(), k -> new ArrayList<>()).add(l.text());
        }
        byKind.forEach((kind, texts) -> {
            String first = texts.get(0);
            String more = texts.size() > 1 ? " (and " + (texts.size() - 1) + " more like it)" : "";
            String what = switch (kind) {
                case GO_TEMPLATE -> "'" + first + "' is a Go-template placeholder (the first gh models format), "
                        + "read as '{{" + Placeholders.names(first).get(0) + "}}'";
                case TEMPLATE_LOGIC -> "'" + first + "' is template logic (Handlebars), which idem does not "
                        + "evaluate: it is sent as written";
                case ACTIONS_EXPRESSION -> "'" + first + "' is a GitHub Actions expression, not a placeholder: it "
                        + "is sent as written";
            };
            issues.add(SpecIssue.warning(spec.source(), "messages[" + message + "].content", what + more));
        });
    }

    private static void checkRows(PromptSpec spec, Set<String> used, List<SpecIssue> issues) {
        for (int r = 0; r < spec.testData().size(); r++) {
            TestCase row = spec.testData().get(r);
            String field = "testData[" + r + "]";
            if (spec.variablesDeclared()) {
                spec.variables().stream()
                        .filter(v -> v.required() && v.defaultValue().isEmpty())
                        .map(Variable::name)
                        .distinct()
                        .filter(name -> !row.variables().containsKey(name))
                        .forEach(name -> issues.add(SpecIssue.rowError(spec.source(), row.number(), field,
                                "missing value for required variable '" + name + "'"
                                        + (used.contains(name) ? "" : " (no message uses it)"))));
            } else {
                used.stream()
                        .filter(name -> !row.variables().containsKey(name))
                        .forEach(name -> issues.add(SpecIssue.rowError(spec.source(), row.number(), field,
                                "missing value for placeholder '{{" + name + "}}'")));
            }
        }
    }

    private static void checkUnused(PromptSpec spec, Set<String> used, List<SpecIssue> issues) {
        Set<String> reported = new LinkedHashSet<>();
        for (int i = 0; i < spec.variables().size(); i++) {
            String name = spec.variables().get(i).name();
            if (!used.contains(name) && reported.add(name)) {
                issues.add(SpecIssue.warning(spec.source(), "variables[" + i + "].name",
                        "variable '" + name + "' is declared but no message uses it"));
            }
        }
    }

    private static void checkEvaluators(PromptSpec spec, List<SpecIssue> issues) {
        for (int i = 0; i < spec.evaluators().size(); i++) {
            checkEvaluator(spec, spec.evaluators().get(i), "evaluators[" + i + "]", spec.testData(), issues);
        }
        for (int r = 0; r < spec.testData().size(); r++) {
            TestCase row = spec.testData().get(r);
            for (int j = 0; j < row.evaluators().size(); j++) {
                checkEvaluator(spec, row.evaluators().get(j), "testData[" + r + "].evaluators[" + j + "]",
                        List.of(row), issues);
            }
        }
    }

    private static void checkEvaluator(PromptSpec spec, EvaluatorSpec evaluator, String path, List<TestCase> rows,
                                       List<SpecIssue> issues) {
        String field;
        String text;
        if (evaluator instanceof UnsupportedEvaluatorSpec u) {
            issues.add(SpecIssue.warning(spec.source(), path, "evaluator '" + u.name() + "': " + u.why()
                    + "; an evaluation stops before any call unless it skips the evaluators it cannot run, and then "
                    + "reports this one as skipped"));
            return;
        }
        if (evaluator instanceof StringEvaluatorSpec s) {
            field = path + ".value";
            text = s.value();
        } else if (evaluator instanceof RegexEvaluatorSpec r) {
            field = path + ".pattern";
            text = r.pattern();
        } else if (evaluator instanceof ContainsAllEvaluatorSpec all) {
            field = path + ".values";
            text = String.join("\n", all.values());
        } else {
            return;
        }
        if (rows.isEmpty()) {
            return;
        }
        for (String name : Placeholders.names(text)) {
            List<TestCase> lacking = rows.stream().filter(row -> !row.templateValues().containsKey(name)).toList();
            if (evaluator instanceof RegexEvaluatorSpec && !lacking.isEmpty()) {
                String numbers = lacking.stream().map(row -> String.valueOf(row.number()))
                        .collect(Collectors.joining(", "));
                issues.add(SpecIssue.error(spec.source(), field, "evaluator '" + evaluator.name()
                        + "' refers to '{{" + name + "}}', which test case(s) " + numbers + " do not provide (a "
                        + "pattern is filled from each row it judges)"));
            } else if (lacking.size() == rows.size()) {
                issues.add(SpecIssue.warning(spec.source(), field, "evaluator '" + evaluator.name()
                        + "' refers to '{{" + name + "}}', which no test row provides; it stays as written"));
            } else if (!lacking.isEmpty()) {
                String numbers = lacking.stream().map(row -> String.valueOf(row.number()))
                        .collect(Collectors.joining(", "));
                issues.add(SpecIssue.warning(spec.source(), field, "evaluator '" + evaluator.name()
                        + "' refers to '{{" + name + "}}', which test case(s) " + numbers
                        + " do not provide; it stays as written there"));
            }
        }
    }

    private static String lastSegment(String path) {
        int cut = Math.max(path.lastIndexOf('.'), path.lastIndexOf(']'));
        return cut < 0 || cut == path.length() - 1 ? path : path.substring(cut + 1);
    }
}
