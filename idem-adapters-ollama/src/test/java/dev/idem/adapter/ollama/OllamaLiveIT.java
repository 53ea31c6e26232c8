package dev.idem.adapter.ollama;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.idem.domain.execution.Completion;
import dev.idem.domain.execution.ModelRequest;
import dev.idem.domain.spec.ModelParameters;
import dev.idem.domain.spec.ResponseFormat;
import dev.idem.domain.template.Message;
import dev.idem.domain.template.Role;
import dev.idem.port.out.GatewaySettings;
import dev.idem.port.out.ModelNotFoundException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfEnvironmentVariable;

/** Against a real Ollama server; runs only when {@code OLLAMA_BASE_URL} is set, and never in surefire. */
@EnabledIfEnvironmentVariable(named = "OLLAMA_BASE_URL", matches = ".+")
class OllamaLiveIT {

    private final OllamaGateway gateway = new OllamaGateway(new GatewaySettings(
            Map.of("OLLAMA_BASE_URL", System.getenv("OLLAMA_BASE_URL")), Duration.ofMinutes(5)));

    @Test
    void should_answer_with_a_pulled_model_and_list_them_for_an_unknown_one() {
        // given
        ModelRequest request = new ModelRequest("idem-no-such-model", List.of(
                new Message(Role.USER, "Reply with the single word: ready")),
                ModelParameters.DEFAULTS.toBuilder().temperature(0.0).maxTokens(16).build(), ResponseFormat.TEXT,
                Optional.empty());
        // when
        Throwable thrown = catchThrowable(() -> gateway.complete(request));
        // then
        assertThat(thrown).isInstanceOf(ModelNotFoundException.class);
        List<String> pulled = ((ModelNotFoundException) thrown).available();
        assertThat(pulled).as("models pulled on the server").isNotEmpty();
        // when
        Completion completion = gateway.complete(request.withModel(pulled.get(0)));
        // then
        assertThat(completion.text()).isNotBlank();
        assertThat(completion.usage().outputTokens()).isPositive();
    }
}
