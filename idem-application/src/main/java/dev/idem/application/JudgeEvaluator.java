package dev.idem.application;

import dev.idem.domain.evaluation.Evaluator;
import dev.idem.domain.evaluation.Excerpt;
import dev.idem.domain.evaluation.Verdict;
import dev.idem.domain.execution.ModelRequest;
import dev.idem.domain.spec.ModelParameters;
import dev.idem.domain.spec.ResponseFormat;
import dev.idem.domain.spec.TestCase;
import dev.idem.domain.template.Message;
import dev.idem.domain.template.Role;
import dev.idem.domain.template.TemplateRenderer;
import dev.idem.port.in.ExecutionFailedException;
import dev.idem.port.in.ExecutionOptions;
import dev.idem.port.out.ModelGateway;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * An LLM judge: asks a judge model to grade a reply and matches its answer exactly to one of the choices.
 * The answer is the reply's last non-blank line, trimmed of quotes, bold markers and a final period, or a
 * JSON {@code "choice"} field; a choice word somewhere in the middle of a longer reply never counts. Judge
 * calls go through the idempotent executor like every other model call.
 */
final class JudgeEvaluator implements Evaluator {

    private static final java.util.regex.Pattern JSON_CHOICE =
            java.util.regex.Pattern.compile("\"choice\"\\s*:\\s*\"([^\"]*)\"");

    private final String name;
    private final Optional<String> systemPrompt;
    private final String promptTemplate;
    private final Map<String, Double> choices;
    private final double passScore;
    private final ModelGateway judge;
    private final String model;
    private final ModelParameters parameters;
    private final IdempotentExecutor executor;
    private final ExecutionOptions options;

    JudgeEvaluator(String name, Optional<String> systemPrompt, String promptTemplate, Map<String, Double> choices,
                   double passScore, ModelGateway judge, String model, ModelParameters parameters,
                   IdempotentExecutor executor, ExecutionOptions options) {
        this.name = Objects.requireNonNull(name, "name");
        this.systemPrompt = systemPrompt;
        this.promptTemplate = promptTemplate;
        this.choices = new LinkedHashMap<>(choices);
        this.passScore = passScore;
        this.judge = judge;
        this.model = model;
        this.parameters = Objects.requireNonNull(parameters, "parameters");
        this.executor = executor;
        this.options = options;
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public Verdict evaluate(String output, TestCase testCase) {
        Map<String, String> values = new LinkedHashMap<>(testCase.templateValues());
        values.put("completion", output);
        List<Message> messages = new ArrayList<>();
        systemPrompt.ifPresent(s -> messages.add(new Message(Role.SYSTEM, TemplateRenderer.fill(s, values))));
        messages.add(new Message(Role.USER, TemplateRenderer.fill(promptTemplate, values)));
        ModelRequest request = new ModelRequest(model, messages, parameters, ResponseFormat.TEXT, Optional.empty());
        String reply;
        try {
            reply = executor.execute(judge, request, 0, options).completion().text();
        } catch (ExecutionFailedException e) {
            throw new JudgeFailedException(name, e);
        }
        Optional<String> chosen = choose(reply);
        if (chosen.isEmpty()) {
            return Verdict.fail("judge answer matched no choice " + choices.keySet() + ": "
                    + Excerpt.of(reply));
        }
        double score = choices.get(chosen.get());
        return new Verdict(score >= passScore, score, "judge chose '" + chosen.get() + "' (score "
                + score + ", pass at " + passScore + ")");
    }

    /** The choice the reply names exactly, if any. */
    Optional<String> choose(String reply) {
        java.util.regex.Matcher json = JSON_CHOICE.matcher(reply);
        if (json.find()) {
            Optional<String> c = exact(json.group(1));
            if (c.isPresent()) {
                return c;
            }
        }
        String[] lines = reply.strip().split("\\R");
        for (int i = lines.length - 1; i >= 0; i--) {
            String line = lines[i].strip();
            if (!line.isEmpty()) {
                return exact(normalise(line));
            }
        }
        return Optional.empty();
    }

    private Optional<String> exact(String answer) {
        for (String choice : choices.keySet()) {
            if (choice.equalsIgnoreCase(answer.strip())) {
                return Optional.of(choice);
            }
        }
        return Optional.empty();
    }

    private static String normalise(String line) {
        String s = line.replace("**", "").strip();
        if (s.toLowerCase(Locale.ROOT).startsWith("answer:")) {
            s = s.substring("answer:".length()).strip();
        }
        if (s.endsWith(".")) {
            s = s.substring(0, s.length() - 1);
        }
        if (s.length() >= 2 && (s.startsWith("\"") && s.endsWith("\"") || s.startsWith("'") && s.endsWith("'"))) {
            s = s.substring(1, s.length() - 1);
        }
        return s.strip();
    }

    /** The judge model itself failed; the case becomes an error, not a verdict. */
    static final class JudgeFailedException extends RuntimeException {
        private static final long serialVersionUID = 1L;

        JudgeFailedException(String evaluator, ExecutionFailedException cause) {
            super("judge for '" + evaluator + "' failed: " + cause.getMessage(), cause);
        }
    }
}
