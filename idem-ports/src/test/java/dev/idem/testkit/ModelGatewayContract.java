package dev.idem.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.idem.domain.execution.Completion;
import dev.idem.domain.execution.ModelRequest;
import dev.idem.domain.spec.ModelParameters;
import dev.idem.domain.spec.ResponseFormat;
import dev.idem.domain.template.Message;
import dev.idem.domain.template.Role;
import dev.idem.port.out.AuthenticationFailedException;
import dev.idem.port.out.ModelGateway;
import dev.idem.port.out.ModelGatewayException;
import dev.idem.port.out.ModelNotFoundException;
import dev.idem.port.out.ProviderUnavailableException;
import dev.idem.port.out.RateLimitedException;
import dev.idem.port.out.RequestRejectedException;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * The behaviour every {@link ModelGateway} must show. An adapter's test extends this class and makes each
 * {@link Scenario} happen on a real protocol peer (an HTTP server speaking the provider's wire protocol);
 * scenarios a gateway cannot meet (the offline architect has no network) are declared unsupported.
 */
public abstract class ModelGatewayContract {

    /** The situations a gateway is put in. */
    public enum Scenario {
        /** 200 with a reply {@link #REPLY} and token usage (prompt 11, completion 7). */
        SUCCESS,
        /** 400 invalid request. */
        BAD_REQUEST,
        /** 401 invalid key. */
        UNAUTHORIZED,
        /** 404 no such model or deployment. */
        MODEL_NOT_FOUND,
        /** 429 with {@code Retry-After: 7}. */
        RATE_LIMITED,
        /** 500 internal error. */
        SERVER_ERROR,
        /** 503 unavailable. */
        UNAVAILABLE,
        /** 200 whose body is not the protocol's JSON. */
        MALFORMED_BODY,
        /** The server accepts the request and never answers (the gateway's timeout must fire). */
        HANG
    }

    /** The reply text the {@link Scenario#SUCCESS} server sends. */
    public static final String REPLY = "**ABSENT → IN_PROGRESS** on an atomic claim.";

    /**
     * A gateway talking to a peer set up for the scenario. For {@link Scenario#HANG} the gateway's timeout
     * should be short (a second or two).
     */
    protected abstract ModelGateway gatewayFor(Scenario scenario) throws Exception;

    /** Whether this gateway can meet the scenario; the offline one meets only success. */
    protected boolean supports(Scenario scenario) {
        return true;
    }

    /** The request every scenario sends; adapters serving one spec only may override it. */
    protected ModelRequest request() {
        return new ModelRequest("gpt-4o", List.of(new Message(Role.SYSTEM, "You are terse."),
                new Message(Role.USER, "Say hello.")), ModelParameters.withTemperature(0.1), ResponseFormat.TEXT,
                Optional.empty());
    }

    /** Whether the success reply must carry token usage. */
    protected boolean reportsTokenUsage() {
        return true;
    }

    @Test
    void should_return_the_reply_with_usage_when_the_provider_answers() throws Exception {
        // given
        ModelGateway gateway = gatewayFor(Scenario.SUCCESS);
        // when
        Completion completion = gateway.complete(request());
        // then
        assertThat(completion.text()).isNotBlank();
        if (reportsTokenUsage()) {
            assertThat(completion.usage().inputTokens()).isEqualTo(11);
            assertThat(completion.usage().outputTokens()).isEqualTo(7);
            assertThat(completion.text()).isEqualTo(REPLY);
        }
        assertThat(gateway.providerId()).isNotBlank().isLowerCase();
    }

    @Test
    void should_reject_without_retry_when_the_request_is_invalid() throws Exception {
        if (supports(Scenario.BAD_REQUEST)) {
            expect(Scenario.BAD_REQUEST, RequestRejectedException.class, false);
        }
    }

    @Test
    void should_fail_authentication_without_retry_when_the_key_is_wrong() throws Exception {
        if (supports(Scenario.UNAUTHORIZED)) {
            expect(Scenario.UNAUTHORIZED, AuthenticationFailedException.class, false);
        }
    }

    @Test
    void should_report_model_not_found_without_retry_when_the_model_is_unknown() throws Exception {
        if (supports(Scenario.MODEL_NOT_FOUND)) {
            expect(Scenario.MODEL_NOT_FOUND, ModelNotFoundException.class, false);
        }
    }

    @Test
    void should_carry_retry_after_when_rate_limited() throws Exception {
        if (supports(Scenario.RATE_LIMITED)) {
            ModelGatewayException e = expect(Scenario.RATE_LIMITED, RateLimitedException.class, true);
            assertThat(((RateLimitedException) e).retryAfter()).contains(Duration.ofSeconds(7));
        }
    }

    @Test
    void should_be_retryable_when_the_server_fails() throws Exception {
        if (supports(Scenario.SERVER_ERROR)) {
            expect(Scenario.SERVER_ERROR, ProviderUnavailableException.class, true);
        }
    }

    @Test
    void should_be_retryable_when_the_server_is_unavailable() throws Exception {
        if (supports(Scenario.UNAVAILABLE)) {
            expect(Scenario.UNAVAILABLE, ProviderUnavailableException.class, true);
        }
    }

    @Test
    void should_be_retryable_when_the_body_is_malformed() throws Exception {
        if (supports(Scenario.MALFORMED_BODY)) {
            expect(Scenario.MALFORMED_BODY, ProviderUnavailableException.class, true);
        }
    }

    @Test
    void should_time_out_retryably_when_the_server_hangs() throws Exception {
        if (supports(Scenario.HANG)) {
            long start = System.nanoTime();
            expect(Scenario.HANG, ProviderUnavailableException.class, true);
            assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(30));
        }
    }

    private ModelGatewayException expect(Scenario scenario, Class<? extends ModelGatewayException> type,
                                         boolean retryable) throws Exception {
        ModelGateway gateway = gatewayFor(scenario);
        Throwable thrown = org.assertj.core.api.Assertions.catchThrowable(() -> gateway.complete(request()));
        assertThat(thrown).as(scenario.name()).isInstanceOf(type);
        ModelGatewayException e = (ModelGatewayException) thrown;
        assertThat(e.retryable()).as(scenario + " retryable").isEqualTo(retryable);
        assertThat(e.provider()).isEqualTo(gateway.providerId());
        assertThat(e.getMessage()).as("a message a person can act on").isNotBlank();
        return e;
    }

    @Test
    void should_never_leak_a_raw_client_exception() throws Exception {
        for (Scenario s : Scenario.values()) {
            if (s == Scenario.SUCCESS || s == Scenario.HANG || !supports(s)) {
                continue;
            }
            ModelGateway gateway = gatewayFor(s);
            assertThatThrownBy(() -> gateway.complete(request())).as(s.name())
                    .isInstanceOf(ModelGatewayException.class);
        }
    }
}
