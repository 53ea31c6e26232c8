package dev.idem.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

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
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The behaviour every {@link ModelGateway} must show. An adapter's test extends this class and makes each
 * {@link Scenario} happen on a real protocol peer (an HTTP server speaking the provider's wire protocol). Each
 * failure scenario a gateway meets is one test of its own; a gateway that cannot meet a scenario (the offline
 * architect has no network) leaves it out of {@link #failureScenarios()}, so that it is neither run nor counted,
 * rather than passing without asserting anything.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
public abstract class ModelGatewayContract {

    /** The situations a gateway is put in, and how each failure must reach the caller. */
    public enum Scenario {
        /** 200 with a reply {@link #REPLY} and token usage (prompt 11, completion 7). */
        SUCCESS(null, false),
        /** 400 invalid request. */
        BAD_REQUEST(RequestRejectedException.class, false),
        /** 401 invalid key. */
        UNAUTHORIZED(AuthenticationFailedException.class, false),
        /** 404 no such model or deployment. */
        MODEL_NOT_FOUND(ModelNotFoundException.class, false),
        /** 429 with {@code Retry-After: 7}. */
        RATE_LIMITED(RateLimitedException.class, true),
        /** 500 internal error. */
        SERVER_ERROR(ProviderUnavailableException.class, true),
        /** 503 unavailable. */
        UNAVAILABLE(ProviderUnavailableException.class, true),
        /** 200 whose body is not the protocol's JSON. */
        MALFORMED_BODY(ProviderUnavailableException.class, true),
        /** The server accepts the request and never answers (the gateway's timeout must fire). */
        HANG(ProviderUnavailableException.class, true);

        private final Class<? extends ModelGatewayException> failure;
        private final boolean retryable;

        Scenario(Class<? extends ModelGatewayException> failure, boolean retryable) {
            this.failure = failure;
            this.retryable = retryable;
        }
    }

    /** The reply text the {@link Scenario#SUCCESS} server sends. */
    public static final String REPLY = "**ABSENT → IN_PROGRESS** on an atomic claim.";

    /**
     * A gateway talking to a peer set up for the scenario. For {@link Scenario#HANG} the gateway's timeout
     * should be short (a second or two).
     */
    protected abstract ModelGateway gatewayFor(Scenario scenario) throws Exception;

    /** The failure scenarios this gateway meets, each tested; every one by default, none for the offline one. */
    protected Set<Scenario> failureScenarios() {
        return EnumSet.complementOf(EnumSet.of(Scenario.SUCCESS));
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

    @ParameterizedTest(name = "{0}", allowZeroInvocations = true)
    @MethodSource("failureScenarios")
    void should_fail_with_the_port_exception_each_failure_calls_for(Scenario scenario) throws Exception {
        // given
        ModelGateway gateway = gatewayFor(scenario);
        long start = System.nanoTime();
        // when
        Throwable thrown = catchThrowable(() -> gateway.complete(request()));
        // then
        assertThat(thrown).as(scenario.name()).isInstanceOf(scenario.failure);
        ModelGatewayException e = (ModelGatewayException) thrown;
        assertThat(e.retryable()).as(scenario + " retryable").isEqualTo(scenario.retryable);
        assertThat(e.provider()).isEqualTo(gateway.providerId());
        assertThat(e.getMessage()).as("a message a person can act on").isNotBlank();
        if (scenario == Scenario.RATE_LIMITED) {
            assertThat(((RateLimitedException) e).retryAfter()).contains(Duration.ofSeconds(7));
        }
        if (scenario == Scenario.HANG) {
            assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(30));
        }
    }

    @ParameterizedTest(name = "{0}", allowZeroInvocations = true)
    @MethodSource("failureScenarios")
    void should_never_leak_a_raw_client_exception(Scenario scenario) throws Exception {
        // given
        ModelGateway gateway = gatewayFor(scenario);
        // when
        Throwable thrown = catchThrowable(() -> gateway.complete(request()));
        // then: STYLE rule 5, the port's exception and, below it, nothing but JDK types
        assertThat(thrown).as(scenario.name()).isInstanceOf(ModelGatewayException.class);
        List<String> below = new ArrayList<>(clientTypesIn(thrown.getCause()));
        for (Throwable suppressed : thrown.getSuppressed()) {
            below.addAll(clientTypesIn(suppressed));
        }
        assertThat(below).as(scenario + ": what a port exception carries").isEmpty();
    }

    /** The classes in a failure's cause chain, and in everything suppressed along it, that are not the JDK's. */
    private static List<String> clientTypesIn(Throwable failure) {
        List<String> found = new ArrayList<>();
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (!t.getClass().getName().startsWith("java.")) {
                found.add(t.getClass().getName());
            }
            for (Throwable suppressed : t.getSuppressed()) {
                found.addAll(clientTypesIn(suppressed));
            }
        }
        return found;
    }
}
