package dev.idem.adapter.openai;

import static org.assertj.core.api.Assertions.assertThat;

import dev.idem.domain.execution.Completion;
import dev.idem.domain.execution.ModelRequest;
import dev.idem.domain.spec.ModelParameters;
import dev.idem.domain.spec.ResponseFormat;
import dev.idem.domain.template.Message;
import dev.idem.domain.template.Role;
import dev.idem.port.out.GatewaySettings;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfEnvironmentVariable;

/**
 * Calls the real OpenAI API (or {@code OPENAI_BASE_URL}); runs only where {@code OPENAI_API_KEY} is set, and
 * only under failsafe. {@code IDEM_OPENAI_TEST_MODEL} picks the model (default {@code gpt-4o-mini}).
 */
@EnabledIfEnvironmentVariable(named = "OPENAI_API_KEY", matches = ".+")
class OpenAiLiveIT {

    @Test
    void should_answer_a_short_prompt_with_token_usage() {
        // given
        Map<String, String> settings = new HashMap<>();
        settings.put(OpenAiGateway.API_KEY, System.getenv("OPENAI_API_KEY"));
        Optional.ofNullable(System.getenv("OPENAI_BASE_URL")).ifPresent(v -> settings.put(OpenAiGateway.BASE_URL, v));
        OpenAiGateway gateway = new OpenAiGateway(new GatewaySettings(settings, Duration.ofSeconds(60)));
        String model = Optional.ofNullable(System.getenv("IDEM_OPENAI_TEST_MODEL")).orElse("gpt-4o-mini");
        ModelRequest request = new ModelRequest(model, List.of(new Message(Role.USER,
                "Reply with the single word: pong")), ModelParameters.DEFAULTS.toBuilder().temperature(0.0)
                .maxTokens(5).build(), ResponseFormat.TEXT, Optional.empty());
        // when
        Completion completion = gateway.complete(request);
        // then
        assertThat(completion.text()).containsIgnoringCase("pong");
        assertThat(completion.usage().inputTokens()).isPositive();
        assertThat(completion.usage().outputTokens()).isPositive();
    }
}
