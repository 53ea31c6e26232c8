package dev.idem.adapter.ollama;

import static dev.idem.adapter.langchain4j.Causes.find;
import static dev.idem.adapter.langchain4j.Causes.rootOf;
import static dev.idem.adapter.langchain4j.Causes.shorten;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.idem.adapter.langchain4j.Causes;
import dev.idem.adapter.langchain4j.FailureClassifier;
import dev.idem.domain.execution.EndpointUrl;
import dev.idem.port.in.Vocabulary;
import dev.idem.port.out.ModelGatewayException;
import dev.idem.port.out.ModelNotFoundException;
import dev.idem.port.out.ProviderUnavailableException;
import dev.langchain4j.exception.HttpException;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * The Ollama wording of the shared {@link FailureClassifier}: its error bodies, a reply that ends before Ollama
 * said it was done, and the models a server has when the one asked for is missing.
 */
final class FailureTranslator extends FailureClassifier {

    private static final int MAX_LISTED = 20;
    private static final int MAX_NAME = 80;

    private final Supplier<List<String>> availableModels;
    private final Vocabulary words;
    private final ObjectMapper json = new ObjectMapper();

    FailureTranslator(String provider, EndpointUrl baseUrl, Duration timeout, Clock clock,
                      Supplier<List<String>> availableModels, Vocabulary words) {
        super(provider, "Ollama", baseUrl, "", timeout, clock);
        this.availableModels = availableModels;
        this.words = words;
    }

    @Override
    protected Optional<ModelGatewayException> providerFailure(Throwable failure, Throwable jdkCause) {
        return find(failure, CompleteReply.IncompleteReplyException.class)
                .map(incomplete -> new ProviderUnavailableException(provider(), at() + " did not finish its reply ("
                        + incomplete.getMessage() + ")", null));
    }

    @Override
    protected ModelNotFoundException modelNotFound(String model, String detail) {
        List<String> available;
        try {
            available = List.copyOf(availableModels.get());
        } catch (RuntimeException listingFailed) {
            String why = find(listingFailed, HttpException.class)
                    .map(h -> "HTTP " + h.statusCode() + ": " + errorBody(redact(h.getMessage())).message())
                    .orElseGet(() -> redact(Causes.describe(rootOf(listingFailed))));
            return new ModelNotFoundException(provider(), model, List.of(), "model '" + model
                    + "' is not available on " + at() + " (" + detail + "; listing its models failed: "
                    + why + "); check OLLAMA_BASE_URL, or pull it with 'ollama pull " + model + "'", null);
        }
        if (available.isEmpty()) {
            return new ModelNotFoundException(provider(), model, available, "model '" + model
                    + "' is not available on " + at() + " (it has no models); pull it with 'ollama pull "
                    + model + "'", null);
        }
        return new ModelNotFoundException(provider(), model, available, "model '" + model
                + "' is not available on " + at() + " (it has: " + listing(available)
                + "); pick one with " + words.model(), null);
    }

    /**
     * The first models a server lists, each name shortened, then how many more: a server may list thousands,
     * and the message is one line on a terminal.
     */
    static String listing(List<String> models) {
        int shown = Math.min(models.size(), MAX_LISTED);
        StringBuilder sb = new StringBuilder();
        for (String name : models.subList(0, shown)) {
            sb.append(sb.length() == 0 ? "" : ", ")
                    .append(name.length() <= MAX_NAME ? name : name.substring(0, MAX_NAME) + "...");
        }
        return models.size() > shown ? sb + " ... and " + (models.size() - shown) + " more" : sb.toString();
    }

    /** Ollama's error bodies are {@code {"error": "..."}}; a proxy in front of it may send anything. */
    @Override
    protected ErrorBody errorBody(String body) {
        if (body == null || body.isBlank()) {
            return new ErrorBody("no details", "");
        }
        try {
            JsonNode node = json.readTree(body);
            if (node != null && node.path("error").isTextual()) {
                return new ErrorBody(shorten(node.path("error").asText()), "");
            }
        } catch (IOException notJson) {
            // fall through to the raw text
        }
        return new ErrorBody(shorten(body.strip()), "");
    }

    @Override
    protected String unauthorised(String detail) {
        return at() + " refused the request (" + detail + "); idem sends Ollama no credentials, so a proxy in front"
                + " of it wants some: point OLLAMA_BASE_URL at a server that does not";
    }

    @Override
    protected String unreachableAdvice(Throwable reason) {
        return "(is 'ollama serve' running? set OLLAMA_BASE_URL)";
    }

    @Override
    protected String timeoutAdvice() {
        return "a large model may still be loading; try again or raise the timeout";
    }

    @Override
    protected String replyName() {
        return "chat reply";
    }

    @Override
    protected String answerName() {
        return "reply";
    }

    @Override
    protected String wireFormat() {
        return "Ollama's chat JSON";
    }
}
