package dev.idem.adapter.openai;

import static org.assertj.core.api.Assertions.assertThat;

import dev.idem.port.out.GatewaySettings;
import dev.idem.port.out.ModelGatewayProvider;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import org.junit.jupiter.api.Test;

class GatewayProvidersTest {

    @Test
    void should_register_both_providers_for_the_service_loader() {
        // when
        List<String> ids = ServiceLoader.load(ModelGatewayProvider.class).stream()
                .map(p -> p.get().id()).toList();
        // then
        assertThat(ids).contains("openai", "azure-openai");
    }

    @Test
    void should_list_the_required_settings_that_are_missing() {
        assertThat(new OpenAiGatewayProvider().missing(GatewaySettings.of(Map.of()))).containsExactly("OPENAI_API_KEY");
        assertThat(new AzureOpenAiGatewayProvider().missing(GatewaySettings.of(Map.of(
                "AZURE_OPENAI_ENDPOINT", "https://res.openai.azure.com")))).containsExactly("AZURE_OPENAI_API_KEY");
    }

    @Test
    void should_mark_only_keys_as_secret() {
        assertThat(new OpenAiGatewayProvider().settings()).filteredOn(ModelGatewayProvider.Setting::secret)
                .extracting(ModelGatewayProvider.Setting::name).containsExactly("OPENAI_API_KEY");
        assertThat(new AzureOpenAiGatewayProvider().settings()).filteredOn(ModelGatewayProvider.Setting::secret)
                .extracting(ModelGatewayProvider.Setting::name).containsExactly("AZURE_OPENAI_API_KEY");
    }

    @Test
    void should_create_a_gateway_from_settings() {
        assertThat(new OpenAiGatewayProvider().create(GatewaySettings.of(Map.of("OPENAI_API_KEY", "k"))).providerId())
                .isEqualTo("openai");
        assertThat(new AzureOpenAiGatewayProvider().create(GatewaySettings.of(Map.of(
                "AZURE_OPENAI_ENDPOINT", "https://res.openai.azure.com", "AZURE_OPENAI_API_KEY", "k"))).providerId())
                .isEqualTo("azure-openai");
    }
}
