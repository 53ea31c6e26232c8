package dev.idem.api;

import static org.assertj.core.api.Assertions.assertThat;

import dev.idem.port.in.ListProvidersUseCase.ListProvidersCommand;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * By default the builder reads the process's own environment, as the CLI does. Run in a surefire execution of its own
 * (see idem-api's pom) whose JVM has {@code IDEM_PROVIDER=ollama}, {@code IDEM_MODEL=model-from-the-process} and
 * {@code OLLAMA_BASE_URL=http://127.0.0.1:9}; the other executions leave its tag out.
 */
@Tag("process-environment")
class IdemProcessEnvironmentTest {

    @Test
    void should_read_the_process_environment_when_given_none() {
        // given the environment this JVM was started with
        assertThat(System.getenv("IDEM_PROVIDER")).as("run by the process-environment execution").isEqualTo("ollama");

        // when an Idem is built without an environment of its own
        try (Idem idem = Idem.builder().build()) {
            // then it chose what the process's environment says
            assertThat(idem.choice().provider()).isEqualTo("ollama");
            assertThat(idem.choice().model()).contains("model-from-the-process");
            assertThat(idem.providerLister().list(new ListProvidersCommand()).stream()
                    .filter(p -> p.id().equals("ollama")).findFirst().orElseThrow().settings().get(0).shownValue())
                    .contains("http://127.0.0.1:9");
        }
    }

    @Test
    void should_read_none_of_it_when_told_to_ignore_the_environment() {
        try (Idem idem = Idem.builder().ignoreEnvironment().build()) {
            assertThat(idem.choice().provider()).isEqualTo("builtin");
            assertThat(idem.choice().model()).isEmpty();
        }
    }
}
