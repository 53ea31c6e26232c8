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
 * Calls a real Azure OpenAI deployment; runs only where {@code AZURE_OPENAI_ENDPOINT} is set (with
 * {@code AZURE_OPENAI_API_KEY} and {@code AZURE_OPENAI_DEPLOYMENT}), and only under failsafe.
 */
@EnabledIfEnvironmentVariable(named = "AZURE_OPENAI_ENDPOINT", matches = ".+")
class AzureOpenAiLiveIT {

    @Test
    void should_answer_a_short_prompt_with_token_usage() {
        // given
        Map<String, String> settings = new HashMap<>();
        for (String name : List.of(AzureOpenAiGateway.ENDPOINT, AzureOpenAiGateway.API_KEY,
                AzureOpenAiGateway.DEPLOYMENT, AzureOpenAiGateway.API_VERSION)) {
            Optional.ofNullable(System.getenv(name)).ifPresent(v -> settings.put(name, v));
        }
        AzureOpenAiGateway gateway = new AzureOpenAiGateway(new GatewaySettings(settings, Duration.ofSeconds(60)));
        ModelRequest request = new ModelRequest("gpt-4o-mini", List.of(new Message(Role.USER,
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
