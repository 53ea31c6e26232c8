package dev.idem.application;

import static org.assertj.core.api.Assertions.assertThat;

import dev.idem.port.in.ListProvidersUseCase.ListProvidersCommand;
import dev.idem.port.in.ListProvidersUseCase.ProviderStatus;
import dev.idem.port.in.ListProvidersUseCase.SettingStatus;
import dev.idem.port.out.GatewaySettings;
import dev.idem.port.out.ModelGatewayProvider.Setting;
import dev.idem.testkit.FixedGatewayProvider;
import dev.idem.testkit.ScriptedModelGateway;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ListProvidersServiceTest {

    private static final List<Setting> OPENAI_SETTINGS = List.of(Setting.required("OPENAI_API_KEY", true),
            Setting.optional("OPENAI_BASE_URL", "https://api.openai.com/v1"));

    private List<ProviderStatus> list(Map<String, String> settings) {
        ModelGateways gateways = new ModelGateways(List.of(
                new FixedGatewayProvider("openai", new ScriptedModelGateway("openai"), OPENAI_SETTINGS),
                new FixedGatewayProvider("builtin", new ScriptedModelGateway("builtin"))),
                GatewaySettings.of(settings));
        return new ListProvidersService(gateways).list(new ListProvidersCommand());
    }

    @Test
    void should_list_every_provider_by_id_and_say_what_a_required_setting_lacks() {
        // when
        List<ProviderStatus> providers = list(Map.of());

        // then
        assertThat(providers).extracting(ProviderStatus::id).containsExactly("builtin", "openai");
        ProviderStatus openai = providers.get(1);
        assertThat(openai.configured()).isFalse();
        assertThat(openai.settings()).extracting(SettingStatus::set).containsExactly(false, false);
        assertThat(openai.settings().get(1).defaultValue()).isEqualTo("https://api.openai.com/v1");
        assertThat(openai.secretSettings()).containsExactly("OPENAI_API_KEY");
        assertThat(providers.get(0).configured()).isTrue();
    }

    @Test
    void should_never_carry_a_secret_and_show_a_url_without_its_credentials() {
        // when
        ProviderStatus openai = list(Map.of("OPENAI_API_KEY", "sk-PLANTED",
                "OPENAI_BASE_URL", "https://user:hunter2@proxy.example/v1?key=abc")).get(1);

        // then
        assertThat(openai.configured()).isTrue();
        assertThat(openai.settings().get(0).set()).isTrue();
        assertThat(openai.settings().get(0).shownValue()).isEmpty();
        assertThat(openai.settings().get(1).shownValue()).isEqualTo(Optional.of("https://proxy.example/v1?key=***"));
        assertThat(openai.toString()).doesNotContain("PLANTED").doesNotContain("hunter2");
    }
}
