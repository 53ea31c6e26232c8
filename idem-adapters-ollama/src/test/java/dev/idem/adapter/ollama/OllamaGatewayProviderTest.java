package dev.idem.adapter.ollama;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.idem.port.out.GatewaySettings;
import dev.idem.port.out.ModelGateway;
import dev.idem.port.out.ModelGatewayProvider;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import org.junit.jupiter.api.Test;

class OllamaGatewayProviderTest {

    @Test
    void should_be_found_by_the_service_loader_under_the_id_ollama() {
        // when
        List<ModelGatewayProvider> found = ServiceLoader.load(ModelGatewayProvider.class).stream()
                .map(ServiceLoader.Provider::get).filter(p -> p.id().equals("ollama")).toList();
        // then
        assertThat(found).singleElement().isInstanceOf(OllamaGatewayProvider.class);
    }

    @Test
    void should_need_no_setting_and_default_to_the_local_server() {
        // given
        ModelGatewayProvider provider = new OllamaGatewayProvider();
        // when
        ModelGateway gateway = provider.create(GatewaySettings.of(Map.of()));
        // then
        assertThat(provider.missing(GatewaySettings.of(Map.of()))).isEmpty();
        assertThat(provider.settings()).containsExactly(
                ModelGatewayProvider.Setting.optional("OLLAMA_BASE_URL", "http://localhost:11434"));
        assertThat(gateway.providerId()).isEqualTo("ollama");
        assertThat(((OllamaGateway) gateway).baseUrl()).isEqualTo("http://localhost:11434");
    }

    @Test
    void should_drop_the_trailing_slash_of_the_base_url() {
        // when
        ModelGateway gateway = new OllamaGatewayProvider()
                .create(GatewaySettings.of(Map.of("OLLAMA_BASE_URL", " http://gpu-box:11434/ ")));
        // then
        assertThat(((OllamaGateway) gateway).baseUrl()).isEqualTo("http://gpu-box:11434");
    }

    @Test
    void should_name_the_setting_when_the_base_url_is_not_http() {
        // given
        ModelGatewayProvider provider = new OllamaGatewayProvider();
        GatewaySettings settings = GatewaySettings.of(Map.of("OLLAMA_BASE_URL", "localhost:11434"));
        // then
        assertThatThrownBy(() -> provider.create(settings)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("OLLAMA_BASE_URL").hasMessageContaining("localhost:11434");
    }
}
