package dev.idem.adapter.builtin;

import static org.assertj.core.api.Assertions.assertThat;

import dev.idem.domain.execution.Completion;
import dev.idem.domain.execution.ModelRequest;
import dev.idem.port.out.GatewaySettings;
import dev.idem.port.out.ModelGateway;
import dev.idem.port.out.ModelGatewayProvider;
import dev.idem.testkit.ModelGatewayContract;
import java.util.EnumSet;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.Set;
import org.junit.jupiter.api.Test;

class BuiltinArchitectGatewayTest extends ModelGatewayContract {

    @Override
    protected ModelGateway gatewayFor(Scenario scenario) {
        return new BuiltinArchitectGateway();
    }

    /** The offline architect has no peer to fail: it meets none of the failure scenarios. */
    @Override
    protected Set<Scenario> failureScenarios() {
        return EnumSet.noneOf(Scenario.class);
    }

    @Override
    protected ModelRequest request() {
        return FlagshipMessages.seedRequest();
    }

    @Override
    protected boolean reportsTokenUsage() {
        return false;
    }

    @Test
    void should_describe_the_completion_as_an_offline_rule_based_answer() {
        // given
        ModelGateway gateway = new BuiltinArchitectGateway();
        // when
        Completion completion = gateway.complete(request());
        // then
        assertThat(gateway.providerId()).isEqualTo("builtin");
        assertThat(gateway.answerKind()).isEqualTo("rule-based reference design (no LLM)");
        assertThat(completion.model()).isEqualTo("idem-builtin-architect");
        assertThat(completion.finishReason()).isEqualTo("stop");
        assertThat(completion.usage().inputTokens()).isGreaterThan(100);
        assertThat(completion.usage().outputTokens())
                .isEqualTo(completion.text().strip().split("\\s+").length);
        assertThat(completion.latency().isNegative()).isFalse();
    }

    @Test
    void should_be_found_by_the_service_loader_under_the_builtin_id() {
        // when
        ModelGatewayProvider provider = ServiceLoader.load(ModelGatewayProvider.class).stream()
                .map(ServiceLoader.Provider::get).filter(p -> p.id().equals("builtin")).findFirst().orElseThrow();
        // then
        assertThat(provider.settings()).isEmpty();
        assertThat(provider.missing(GatewaySettings.of(Map.of()))).isEmpty();
        assertThat(provider.description()).contains("offline", "deterministic", "rule-based");
        assertThat(provider.create(GatewaySettings.of(Map.of()))).isInstanceOf(BuiltinArchitectGateway.class);
    }
}
