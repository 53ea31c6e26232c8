package dev.idem.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.idem.adapter.json.JsonRubricRepository;
import dev.idem.domain.evaluation.Rubric;
import dev.idem.domain.evaluation.RubricScore;
import dev.idem.domain.spec.InvalidSpecException;
import dev.idem.domain.spec.PromptSpec;
import dev.idem.port.in.CaseStatus;
import dev.idem.port.in.EvaluationResult;
import dev.idem.port.in.ListProvidersUseCase.ListProvidersCommand;
import dev.idem.port.in.RunResult;
import dev.idem.port.in.UnknownProviderException;
import dev.idem.testkit.ScriptedModelGateway;
import java.nio.file.Path;
import java.util.Map;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class IdemTest {

    private static final Path FLAGSHIP = Path.of("..", "prompts", "idempotency-architect.prompt.yml");
    private final Rubric rubric = new JsonRubricRepository().load();

    @Test
    void should_design_with_every_critical_rubric_item_and_the_seed_regexes_offline() {
        try (Idem idem = Idem.builder().ignoreEnvironment().build()) {
            // when
            String design = idem.architect().design("REST APIs behind a gateway plus Kafka consumers",
                    "gateway timeouts and consumer rebalances");
            // then
            RubricScore score = rubric.score(design);
            assertThat(score.missingCritical()).isEmpty();
            assertThat(Pattern.compile("(TTL|lock|Redis|DynamoDB|Idempotency|key)").matcher(design).find()).isTrue();
            assertThat(Pattern.compile("\\*\\*.*\\*\\*").matcher(design).find()).isTrue();
            assertThat(design).contains("Kafka").containsIgnoringCase("gateway");
        }
    }

    @Test
    void should_tailor_the_design_to_sqs_fifo_and_dynamodb_without_talking_about_kafka() {
        try (Idem idem = Idem.builder().ignoreEnvironment().build()) {
            String design = idem.architect().design("Order events on SQS FIFO queues consumed by Lambda, state in DynamoDB",
                    "visibility timeouts expiring mid-processing and producer retries");
            assertThat(design).contains("MessageDeduplicationId").contains("DynamoDB").doesNotContain("Kafka");
            assertThat(rubric.score(design).missingCritical()).isEmpty();
        }
    }

    @Test
    void should_refuse_an_unsafe_request_with_exactly_the_refusal() {
        try (Idem idem = Idem.builder().ignoreEnvironment().build()) {
            assertThat(idem.architect().design("unsafe bypass data", "unsafe bypass data"))
                    .isEqualTo("{\"error\": \"unsafe\"}");
        }
    }

    @Test
    void should_replay_an_identical_design_without_a_second_call() {
        try (Idem idem = Idem.builder().ignoreEnvironment().build()) {
            RunResult first = idem.architect().designWithDetails("gRPC payments", "deadline exceeded");
            RunResult second = idem.architect().designWithDetails("gRPC payments", "deadline exceeded");
            assertThat(first.replayed()).isFalse();
            assertThat(second.replayed()).isTrue();
            assertThat(second.output()).isEqualTo(first.output());
            assertThat(first.answerKind()).contains("rule-based");
        }
    }

    @Test
    void should_run_any_spec_on_a_gateway_of_your_own() {
        // given
        ScriptedModelGateway mine = new ScriptedModelGateway("openai").replying(r -> "**ok** Idempotency key");
        try (Idem idem = Idem.builder().ignoreEnvironment().provider("openai").gateway(mine).build()) {
            // when
            RunResult r = idem.run(FLAGSHIP, Map.of("system_context", "a", "failure_scenarios", "b"));
            // then
            assertThat(r.output()).isEqualTo("**ok** Idempotency key");
            assertThat(mine.received()).hasSize(1);
            assertThat(mine.received().get(0).model()).isEqualTo("gpt-4o");
        }
    }

    @Test
    void should_evaluate_the_flagship_and_fail_the_unsafe_row_on_the_seed_regexes() {
        try (Idem idem = Idem.builder().ignoreEnvironment().build()) {
            EvaluationResult result = idem.evaluate(FLAGSHIP);
            assertThat(result.cases()).extracting(c -> c.status()).containsExactly(CaseStatus.PASSED,
                    CaseStatus.FAILED);
            assertThat(result.cases().get(1).output()).isEqualTo("{\"error\": \"unsafe\"}");
        }
    }

    @Test
    void should_fail_loudly_listing_providers_when_the_provider_is_unknown() {
        try (Idem idem = Idem.builder().ignoreEnvironment().provider("nope").build()) {
            assertThatThrownBy(() -> idem.architect().design("a", "b")).isInstanceOf(UnknownProviderException.class)
                    .hasMessageContaining("builtin").hasMessageContaining("ollama");
        }
    }

    @Test
    void should_open_stores_by_uri_and_list_them_when_unknown() {
        assertThatThrownBy(() -> Idem.builder().ignoreEnvironment().store("etcd://x").build().storeInspector())
                .isInstanceOf(UnknownProviderException.class).hasMessageContaining("sqlite")
                .hasMessageContaining("redis").hasMessageContaining("memory");
    }

    @Test
    void should_take_the_settings_providers_declare_from_an_environment() {
        // given an environment with an OpenAI key, a blank Ollama URL and a variable no provider reads
        Map<String, String> environment = Map.of("OPENAI_API_KEY", "sk-test", "OLLAMA_BASE_URL", " ",
                "HOME", "/home/someone");

        try (Idem idem = Idem.builder().environment(environment).setting("OPENAI_BASE_URL", "http://localhost:1/v1")
                .build()) {
            // when
            var providers = idem.providerLister().list(new ListProvidersCommand());

            // then openai is configured, the blank value counts as unset, and the setting given by name is there
            var openai = providers.stream().filter(p -> p.id().equals("openai")).findFirst().orElseThrow();
            assertThat(openai.configured()).isTrue();
            assertThat(openai.settings()).filteredOn(s -> s.name().equals("OPENAI_BASE_URL"))
                    .singleElement().satisfies(s -> assertThat(s.shownValue()).contains("http://localhost:1/v1"));
            var ollama = providers.stream().filter(p -> p.id().equals("ollama")).findFirst().orElseThrow();
            assertThat(ollama.settings()).allSatisfy(s -> assertThat(s.set()).isFalse());
        }
    }

    @Test
    void should_refuse_a_spec_built_in_code_with_no_messages_before_any_call() {
        // given (B1: the gateway received a request with 0 messages)
        ScriptedModelGateway mine = new ScriptedModelGateway("openai");
        PromptSpec empty = PromptSpec.builder("empty").model("gpt-4o-mini").build();

        try (Idem idem = Idem.builder().ignoreEnvironment().provider("openai").gateway(mine).build()) {
            // when / then
            assertThatThrownBy(() -> idem.run(empty, Map.of()))
                    .isInstanceOf(InvalidSpecException.class)
                    .hasMessageContaining("the spec has no messages");
            assertThat(mine.received()).isEmpty();
        }
    }
}
