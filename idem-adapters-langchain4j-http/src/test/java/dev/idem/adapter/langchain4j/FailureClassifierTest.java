package dev.idem.adapter.langchain4j;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.JsonParseException;
import dev.idem.domain.execution.EndpointUrl;
import dev.idem.port.out.ModelGatewayException;
import dev.idem.port.out.ModelNotFoundException;
import dev.idem.port.out.ProviderUnavailableException;
import dev.idem.port.out.RateLimitedException;
import dev.idem.port.out.RequestRejectedException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ConnectException;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The classification the OpenAI and Ollama translators share; their wire tests cover each one's wording. */
class FailureClassifierTest {

    private static final String KEY = "sk-secret-key-123";

    /** The smallest wording: enough to see which branch spoke. */
    private static final class Plain extends FailureClassifier {
        Plain() {
            super("plain", "Plain", EndpointUrl.of("http://user:pw@plain.test/v1"), KEY, Duration.ofSeconds(3),
                    Clock.systemUTC());
        }

        @Override
        protected ErrorBody errorBody(String body) {
            return new ErrorBody(body.isBlank() ? "no details" : body, "");
        }

        @Override
        protected String unauthorised(String detail) {
            return "unauthorised (" + detail + ")";
        }

        @Override
        protected ModelNotFoundException modelNotFound(String model, String detail) {
            return new ModelNotFoundException(provider(), model, List.of(), "no " + model + " (" + detail + ")", null);
        }

        @Override
        protected String unreachableAdvice(Throwable reason) {
            return "(unreachable)";
        }

        @Override
        protected String timeoutAdvice() {
            return "wait";
        }

        @Override
        protected String replyName() {
            return "plain reply";
        }

        @Override
        protected String answerName() {
            return "reply";
        }

        @Override
        protected String wireFormat() {
            return "plain JSON";
        }
    }

    /** What a client library throws around the JDK's failure: not a JDK type. */
    private static final class ClientException extends RuntimeException {
        private static final long serialVersionUID = 1L;

        ClientException(Throwable cause) {
            super("client", cause);
        }
    }

    private final FailureClassifier classifier = new Plain();

    @ParameterizedTest(name = "HTTP {0}")
    @CsvSource({
            "200, ProviderUnavailableException, true",
            "400, RequestRejectedException, false",
            "401, AuthenticationFailedException, false",
            "403, AuthenticationFailedException, false",
            "404, ModelNotFoundException, false",
            "408, ProviderUnavailableException, true",
            "418, RequestRejectedException, false",
            "429, RateLimitedException, true",
            "500, ProviderUnavailableException, true",
            "503, ProviderUnavailableException, true"})
    void should_classify_a_failed_reply_by_its_status(int status, String type, boolean retryable) {
        // given
        ClientException failure = new ClientException(new HttpFailure(status, "it says " + KEY, Map.of()));
        // when
        ModelGatewayException e = classifier.translate(failure, "m");
        // then
        assertThat(e.getClass().getSimpleName()).isEqualTo(type);
        assertThat(e.retryable()).isEqualTo(retryable);
        assertThat(e.provider()).isEqualTo("plain");
        assertThat(e.getMessage()).contains("HTTP " + status + ": it says ***").doesNotContain(KEY, "pw");
        assertThat(e).hasNoCause();
    }

    @Test
    void should_carry_the_wait_a_rate_limited_reply_asks_for() {
        // given
        HttpFailure limited = new HttpFailure(429, "slow down", Map.of("Retry-After", List.of("7")));
        // when
        ModelGatewayException e = classifier.translate(limited, "m");
        // then
        assertThat(e).isInstanceOf(RateLimitedException.class).hasMessageEndingWith("; it asks to wait 7s");
        assertThat(((RateLimitedException) e).retryAfter()).contains(Duration.ofSeconds(7));
    }

    @Test
    void should_keep_no_cause_when_a_jdk_exception_carries_a_client_one() {
        // given: what a client's JSON codec throws on a body cut short
        IOException jackson = new JsonParseException(null, "Unexpected end-of-input");
        UncheckedIOException failure = new UncheckedIOException(jackson);
        // when
        ModelGatewayException e = classifier.translate(new ClientException(failure), "m");
        // then
        assertThat(e).isInstanceOf(ProviderUnavailableException.class)
                .hasMessageStartingWith("Plain at http://plain.test/v1 sent a reply that is not plain JSON")
                .hasNoCause();
    }

    @Test
    void should_keep_the_jdk_cause_when_the_server_cannot_be_reached() {
        // given
        ConnectException refused = new ConnectException("Connection refused");
        // when
        ModelGatewayException e = classifier.translate(new ClientException(refused), "m");
        // then
        assertThat(e).isInstanceOf(ProviderUnavailableException.class)
                .hasMessage("cannot reach Plain at http://plain.test/v1 (unreachable)").hasCause(refused);
    }

    @Test
    void should_return_a_port_exception_as_it_is() {
        // given
        RequestRejectedException already = new RequestRejectedException("plain", "already translated", null);
        // when / then
        assertThat(classifier.translate(already, "m")).isSameAs(already);
    }
}
