package dev.idem.adapter.builtin;

import dev.idem.domain.execution.Completion;
import dev.idem.domain.execution.ModelRequest;
import dev.idem.domain.execution.TokenUsage;
import dev.idem.domain.template.Message;
import dev.idem.port.in.Vocabulary;
import dev.idem.port.out.ModelGateway;
import dev.idem.port.out.RequestRejectedException;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * The offline architect: answers the flagship "Idempotency and API Retry Strategy Architect" spec with a
 * deterministic, rule-based reference design (or the spec's exact refusal for unsafe requests), without any
 * model or network. Any other spec is rejected, since a rule-based answer to it would be made up.
 */
public final class BuiltinArchitectGateway implements ModelGateway {

    /** The provider id. */
    public static final String PROVIDER_ID = "builtin";
    /** The model name reported on every completion. */
    public static final String MODEL = "idem-builtin-architect";

    private static final Pattern WHITESPACE = Pattern.compile("\\s+");

    private final ReferenceArchitect architect = new ReferenceArchitect();
    private final Vocabulary words;

    /** A gateway whose failures speak the command line's words. */
    public BuiltinArchitectGateway() {
        this(Vocabulary.commandLine());
    }

    /** @param words how a failure tells its reader to choose another provider */
    public BuiltinArchitectGateway(Vocabulary words) {
        this.words = Objects.requireNonNull(words, "words");
    }

    @Override
    public String providerId() {
        return PROVIDER_ID;
    }

    @Override
    public String answerKind() {
        return "rule-based reference design (no LLM)";
    }

    @Override
    public boolean takesModel() {
        return false;
    }

    @Override
    public Completion complete(ModelRequest request) {
        long start = System.nanoTime();
        FlagshipRequest flagship = FlagshipRequest.from(request).orElseThrow(() -> new RequestRejectedException(
                PROVIDER_ID, "the built-in architect serves only the Idempotency and API Retry Strategy Architect"
                + " spec; use " + words.provider(List.of("openai", "azure-openai", "ollama")) + " for other specs", null));
        ReferenceArchitect.Answer answer = architect.answer(flagship.systemContext(), flagship.failureScenarios());
        long inputWords = request.messages().stream().map(Message::content).mapToLong(BuiltinArchitectGateway::words)
                .sum();
        return new Completion(answer.text(), MODEL, new TokenUsage(inputWords, words(answer.text())),
                Duration.ofNanos(System.nanoTime() - start), "stop", answer.note());
    }

    private static long words(String text) {
        String stripped = text.strip();
        return stripped.isEmpty() ? 0 : WHITESPACE.split(stripped).length;
    }
}
