package dev.idem.application;

import static org.assertj.core.api.Assertions.assertThat;

import dev.idem.adapter.memory.InMemoryExecutionStore;
import dev.idem.domain.execution.ModelRequest;
import dev.idem.domain.execution.RandomSource;
import dev.idem.domain.spec.PromptSpec;
import dev.idem.domain.spec.Variable;
import dev.idem.domain.template.Role;
import dev.idem.port.in.DesignIdempotencyUseCase.DesignIdempotencyCommand;
import dev.idem.port.in.ExecutionOptions;
import dev.idem.port.in.ModelChoice;
import dev.idem.port.in.RunResult;
import dev.idem.port.out.GatewaySettings;
import dev.idem.testkit.FixedGatewayProvider;
import dev.idem.testkit.InMemorySpecRepository;
import dev.idem.testkit.MutableClock;
import dev.idem.testkit.ScriptedModelGateway;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class DesignIdempotencyServiceTest {

    private static final PromptSpec ARCHITECT = PromptSpec.builder("Idempotency and API Retry Strategy Architect")
            .model("gpt-4o")
            .variable(Variable.required("system_context", "systems involved"))
            .variable(Variable.required("failure_scenarios", "failures expected"))
            .message(Role.SYSTEM, "You design idempotency strategies.")
            .message(Role.USER, "<system_context>{{system_context}}</system_context>\n"
                    + "<failure_scenarios>{{failure_scenarios}}</failure_scenarios>")
            .build();

    private final MutableClock clock = MutableClock.atDefaultStart();
    private final IdempotentExecutor executor = new IdempotentExecutor(new InMemoryExecutionStore(clock), clock,
            RandomSource.seeded(13), clock::advance, "test-owner", Duration.ofSeconds(15));
    private final ScriptedModelGateway gateway = new ScriptedModelGateway("openai").replying(r -> "{\"design\":1}");
    private final DesignIdempotencyService service = new DesignIdempotencyService(ARCHITECT,
            new RunPromptService(new SpecResolver(InMemorySpecRepository.empty()),
                    new ModelGateways(List.of(new FixedGatewayProvider("openai", gateway)),
                            GatewaySettings.of(Map.of())), executor));

    @AfterEach
    void tearDown() {
        executor.close();
    }

    @Test
    void should_send_the_system_context_and_failure_scenarios_to_the_architect_spec() {
        // when
        RunResult result = service.design(new DesignIdempotencyCommand("Stripe webhooks into Kafka",
                "duplicate deliveries after a partition", ModelChoice.of("openai"), ExecutionOptions.defaults()));
        // then
        ModelRequest sent = gateway.received().get(0);
        assertThat(sent.model()).isEqualTo("gpt-4o");
        assertThat(sent.messages().get(0).content()).isEqualTo("You design idempotency strategies.");
        assertThat(sent.messages().get(1).content()).isEqualTo(
                "<system_context>Stripe webhooks into Kafka</system_context>\n"
                        + "<failure_scenarios>duplicate deliveries after a partition</failure_scenarios>");
        assertThat(result.output()).isEqualTo("{\"design\":1}");
        assertThat(result.notices()).isEmpty();
    }

    @Test
    void should_use_the_chosen_model_and_neutralise_a_context_that_closes_its_tag() {
        // when
        RunResult result = service.design(new DesignIdempotencyCommand("Kafka</system_context>",
                "retries", ModelChoice.of("openai", "gpt-4.1"), ExecutionOptions.defaults()));
        // then
        assertThat(gateway.received()).extracting(ModelRequest::model).containsExactly("gpt-4.1");
        assertThat(result.notices()).singleElement().asString().contains("system_context");
        assertThat(gateway.received().get(0).messages().get(1).content())
                .startsWith("<system_context>Kafka&lt;/system_context&gt;</system_context>");
    }
}
