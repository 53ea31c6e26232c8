package dev.idem.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.idem.domain.FailureCategory;
import dev.idem.port.in.InspectStoreUseCase.InspectStoreCommand;
import dev.idem.port.in.ListProvidersUseCase.ListProvidersCommand;
import dev.idem.port.in.ListProvidersUseCase.ProviderStatus;
import dev.idem.port.in.ProviderNotConfiguredException;
import dev.idem.port.out.InvalidStoreUriException;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The Java API is configured like the CLI: from the environment by default, what the builder is told wins over it, it
 * wins over the defaults handed in, and it can be turned off. An environment is handed in here, so that the test does
 * not depend on the machine's ({@link IdemProcessEnvironmentTest} checks that the process's is read by default).
 */
class IdemConfigurationTest {

    @TempDir
    Path work;

    @Test
    void should_choose_provider_and_model_from_the_environment() {
        // given IDEM_PROVIDER and IDEM_MODEL, as the CLI reads them
        Map<String, String> env = Map.of("IDEM_PROVIDER", "ollama", "IDEM_MODEL", "llama3.1");

        // when
        try (Idem idem = Idem.builder().environment(env).build()) {
            // then
            assertThat(idem.choice().provider()).isEqualTo("ollama");
            assertThat(idem.choice().model()).contains("llama3.1");
        }
    }

    @Test
    void should_take_provider_settings_from_the_environment() {
        // given an OpenAI key and base URL in the environment, and a variable no provider reads
        Map<String, String> env = Map.of("OPENAI_API_KEY", "sk-env", "OPENAI_BASE_URL", "http://127.0.0.1:1/v1",
                "HOME", "/home/someone");

        // when
        try (Idem idem = Idem.builder().environment(env).build()) {
            ProviderStatus openai = provider(idem, "openai");

            // then openai is configured from them
            assertThat(openai.configured()).isTrue();
            assertThat(shown(openai, "OPENAI_BASE_URL")).isEqualTo("http://127.0.0.1:1/v1");
        }
    }

    @Test
    void should_let_what_the_builder_is_told_win_over_the_environment() {
        // given an environment that names another provider, model, base URL and store
        Map<String, String> env = Map.of("IDEM_PROVIDER", "ollama", "IDEM_MODEL", "llama3.1",
                "OPENAI_BASE_URL", "http://127.0.0.1:1/v1", "IDEM_STORE", "sqlite:" + work.resolve("env.db"));

        // when the builder is told otherwise
        try (Idem idem = Idem.builder().environment(env).provider("openai").model("gpt-4o-mini")
                .setting("OPENAI_BASE_URL", "http://127.0.0.1:2/v1").store("memory:").build()) {
            // then the builder's choices are used
            assertThat(idem.choice().provider()).isEqualTo("openai");
            assertThat(idem.choice().model()).contains("gpt-4o-mini");
            assertThat(shown(provider(idem, "openai"), "OPENAI_BASE_URL")).isEqualTo("http://127.0.0.1:2/v1");
            assertThat(idem.storeInspector().inspect(new InspectStoreCommand()).store()).startsWith("memory");
        }
        assertThat(work.resolve("env.db")).doesNotExist();
    }

    @Test
    void should_open_the_store_the_environment_names() {
        // given IDEM_STORE naming a SQLite file
        Path file = work.resolve("store.db");

        // when the store is used
        try (Idem idem = Idem.builder().environment(Map.of("IDEM_STORE", "sqlite:" + file)).build()) {
            idem.storeInspector().inspect(new InspectStoreCommand());
        }

        // then that file is the store
        assertThat(file).isRegularFile();
    }

    @Test
    void should_let_the_environment_win_over_the_defaults_and_the_defaults_over_idems_own() {
        // given defaults (a project's configuration) for provider, model and a provider setting
        Map<String, String> defaults = Map.of("IDEM_PROVIDER", "ollama", "IDEM_MODEL", "from-defaults",
                "OLLAMA_BASE_URL", "http://127.0.0.1:3");

        // when the environment names only a model
        try (Idem idem = Idem.builder().environment(Map.of("IDEM_MODEL", "from-environment")).defaults(defaults)
                .build()) {
            // then the environment's model, and the defaults for the rest
            assertThat(idem.choice().model()).contains("from-environment");
            assertThat(idem.choice().provider()).isEqualTo("ollama");
            assertThat(shown(provider(idem, "ollama"), "OLLAMA_BASE_URL")).isEqualTo("http://127.0.0.1:3");
        }
    }

    @Test
    void should_read_nothing_from_the_environment_when_told_to_ignore_it() {
        // given an environment that would choose OpenAI with a key
        Map<String, String> env = Map.of("IDEM_PROVIDER", "openai", "OPENAI_API_KEY", "sk-env");

        // when the environment is ignored (the last call wins)
        try (Idem idem = Idem.builder().environment(env).ignoreEnvironment().build()) {
            // then idem's defaults: the built-in architect, and OpenAI unconfigured
            assertThat(idem.choice().provider()).isEqualTo("builtin");
            assertThat(provider(idem, "openai").configured()).isFalse();
            assertThat(idem.architect().design("REST APIs plus Kafka consumers", "rebalances")).contains("Kafka");
        }
    }

    @Test
    void should_take_the_reply_size_limit_from_the_environment_and_refuse_a_malformed_one() {
        // when IDEM_MAX_RESPONSE_BYTES is not a size
        assertThatThrownBy(() -> Idem.builder().environment(Map.of("IDEM_MAX_RESPONSE_BYTES", "lots")).build())
                // then the build is refused, naming the variable, as a usage error
                .isInstanceOf(InvalidSettingException.class)
                .hasMessage("IDEM_MAX_RESPONSE_BYTES: 'lots' is not a positive size in bytes (e.g. 16MiB, 512k, "
                        + "1048576)")
                .satisfies(e -> assertThat(((InvalidSettingException) e).category()).isEqualTo(FailureCategory.USAGE));
        // and a size is taken, unless the builder is told one
        Idem.builder().environment(Map.of("IDEM_MAX_RESPONSE_BYTES", "64k")).build().close();
        Idem.builder().environment(Map.of("IDEM_MAX_RESPONSE_BYTES", "lots")).maxResponseBytes(1024).build().close();
    }

    @Test
    void should_refuse_a_store_uri_from_the_environment_that_is_none() {
        assertThatThrownBy(() -> Idem.builder().environment(Map.of("IDEM_STORE", "://no-scheme")).build())
                .isInstanceOf(InvalidStoreUriException.class);
    }

    @Test
    void should_tell_a_java_caller_to_set_the_variable_or_call_setting_when_a_key_is_missing() {
        // given OpenAI chosen without a key, the environment read
        try (Idem idem = Idem.builder().environment(Map.of("IDEM_PROVIDER", "openai")).build()) {
            // when / then the message speaks Java, and the environment variable is a remedy too
            assertThatThrownBy(() -> idem.architect().design("a", "b"))
                    .isInstanceOf(ProviderNotConfiguredException.class)
                    .hasMessage("provider 'openai' is not configured: set OPENAI_API_KEY in the environment, or call "
                            + ".setting(\"OPENAI_API_KEY\", …)");
        }
        // and with the environment ignored, only the call is
        try (Idem idem = Idem.builder().ignoreEnvironment().provider("openai").build()) {
            assertThatThrownBy(() -> idem.architect().design("a", "b"))
                    .hasMessage("provider 'openai' is not configured: call .setting(\"OPENAI_API_KEY\", …)");
        }
    }

    private static ProviderStatus provider(Idem idem, String id) {
        return idem.providerLister().list(new ListProvidersCommand()).stream().filter(p -> p.id().equals(id))
                .findFirst().orElseThrow();
    }

    private static String shown(ProviderStatus provider, String setting) {
        return provider.settings().stream().filter(s -> s.name().equals(setting)).findFirst().orElseThrow()
                .shownValue().orElseThrow();
    }
}
