package dev.idem.adapter.openai;

import static dev.idem.adapter.langchain4j.Causes.describe;
import static dev.idem.adapter.langchain4j.Causes.find;
import static dev.idem.adapter.langchain4j.Causes.rootOf;
import static dev.idem.adapter.langchain4j.Causes.shorten;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.idem.adapter.langchain4j.FailureClassifier;
import dev.idem.adapter.langchain4j.HttpFailure;
import dev.idem.domain.execution.EndpointUrl;
import dev.idem.port.out.ContentFilteredException;
import dev.idem.port.out.ModelGatewayException;
import dev.idem.port.out.ModelNotFoundException;
import dev.idem.port.out.ProviderUnavailableException;
import dev.idem.port.out.RequestRejectedException;
import dev.langchain4j.exception.HttpException;
import dev.langchain4j.exception.UnsupportedFeatureException;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

/**
 * The OpenAI and Azure OpenAI wording of the shared {@link FailureClassifier}: their error envelope, their
 * content filter, and the settings a person fixes.
 */
final class FailureTranslator extends FailureClassifier {

    private static final Set<String> CONTENT_FILTER_CODES = Set.of("content_filter", "content_policy_violation",
            "responsibleaipolicyviolation");

    private final Service service;
    private final Function<Throwable, Optional<HttpFailure>> problemOf;
    private final ObjectMapper json = new ObjectMapper();

    /**
     * Who is being called, in the words the messages use.
     *
     * @param provider        provider id
     * @param name            e.g. {@code OpenAI}
     * @param location        base URL or endpoint; messages show it without credentials
     * @param locationSetting the setting that names {@code location}
     * @param keySetting      the setting that holds the key
     * @param modelHint       what to do about an unknown model, given its name
     * @param timeout         timeout of one attempt
     */
    record Service(String provider, String name, EndpointUrl location, String locationSetting, String keySetting,
                   Function<String, String> modelHint, Duration timeout) {
    }

    /**
     * @param problemOf the failed reply in what the client threw (the Azure SDK reports it in its own type)
     * @param secret    the API key, blanked out of every detail shown
     */
    FailureTranslator(Service service, Clock clock, Function<Throwable, Optional<HttpFailure>> problemOf,
                      String secret) {
        super(service.provider(), service.name(), service.location(), secret, service.timeout(), clock);
        this.service = service;
        this.problemOf = problemOf;
    }

    /** A 200 whose content says the filter stopped the answer. */
    ContentFilteredException filtered(String model) {
        return new ContentFilteredException(provider(), at() + " stopped the reply of '" + model
                + "' with finish_reason content_filter", null);
    }

    /** A 200 that lacks what the protocol promises. */
    ProviderUnavailableException malformed(String what) {
        return new ProviderUnavailableException(provider(), at() + " sent a reply that is not " + wireFormat() + " ("
                + what + ")", null);
    }

    @Override
    protected Optional<HttpException> statusOf(Throwable failure) {
        return problemOf.apply(failure).map(HttpException.class::cast);
    }

    @Override
    protected Optional<ModelGatewayException> providerFailure(Throwable failure, Throwable jdkCause) {
        if (find(failure, dev.langchain4j.exception.ContentFilteredException.class).isPresent()) {
            return Optional.of(new ContentFilteredException(provider(), at() + " withheld the reply: its content"
                    + " filter flagged the prompt or the answer (" + redact(describe(rootOf(failure))) + ")", jdkCause));
        }
        if (find(failure, UnsupportedFeatureException.class).isPresent()) {
            return Optional.of(new RequestRejectedException(provider(), service.name()
                    + " cannot take this request: " + redact(describe(rootOf(failure))), jdkCause));
        }
        return Optional.empty();
    }

    @Override
    protected Optional<ModelGatewayException> providerStatus(ErrorBody error, String detail) {
        return CONTENT_FILTER_CODES.contains(error.code().toLowerCase(Locale.ROOT))
                ? Optional.of(new ContentFilteredException(provider(), at() + " refused the prompt: its content filter"
                        + " flagged it (" + detail + ")", null))
                : Optional.empty();
    }

    /** OpenAI and Azure send {@code {"error": {"message", "type", "param", "code"}}}; a proxy may send anything. */
    @Override
    protected ErrorBody errorBody(String body) {
        if (body == null || body.isBlank()) {
            return new ErrorBody("no details", "");
        }
        try {
            JsonNode error = json.readTree(body).path("error");
            if (error.isObject()) {
                String message = error.path("message").asText("");
                String code = error.path("code").isValueNode() ? error.path("code").asText("") : "";
                String type = error.path("type").asText("");
                String shown = message.isBlank() ? shorten(body) : shorten(message);
                if (!code.isBlank()) {
                    shown += " [" + code + "]";
                } else if (!type.isBlank()) {
                    shown += " [" + type + "]";
                }
                return new ErrorBody(shown, code);
            }
            if (error.isTextual()) {
                return new ErrorBody(shorten(error.asText()), "");
            }
        } catch (IOException | RuntimeException notJson) {
            // fall through to the raw text
        }
        return new ErrorBody(shorten(body.strip()), "");
    }

    @Override
    protected String unauthorised(String detail) {
        return at() + " refused the credentials (" + detail + "); check " + service.keySetting();
    }

    @Override
    protected ModelNotFoundException modelNotFound(String model, String detail) {
        return new ModelNotFoundException(provider(), model, List.of(), "model '" + model + "' was not found at "
                + at() + " (" + detail + "); " + service.modelHint().apply(model), null);
    }

    @Override
    protected String unreachableAdvice(Throwable reason) {
        return "(" + redact(describe(reason)) + "); check " + service.locationSetting() + " and the network";
    }

    @Override
    protected String timeoutAdvice() {
        return "try again, or raise the request timeout";
    }

    @Override
    protected String replyName() {
        return "chat completion";
    }

    @Override
    protected String answerName() {
        return "completion";
    }

    @Override
    protected String wireFormat() {
        return "a chat completion";
    }
}
