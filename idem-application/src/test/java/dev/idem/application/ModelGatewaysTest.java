package dev.idem.application;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.idem.port.in.ProviderNotConfiguredException;
import dev.idem.port.in.UnknownProviderException;
import dev.idem.port.out.GatewaySettings;
import dev.idem.port.out.ModelGateway;
import dev.idem.port.out.ModelGatewayProvider.Setting;
import dev.idem.testkit.FixedGatewayProvider;
import dev.idem.testkit.ScriptedModelGateway;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class ModelGatewaysTest {

    private static final GatewaySettings NO_SETTINGS = GatewaySettings.of(Map.of());

    @Test
    void should_prepare_the_chosen_provider_once_on_another_thread_and_ignore_an_unknown_one() throws Exception {
        // given a provider that records where and how often it is prepared
        List<String> threads = new CopyOnWriteArrayList<>();
        CountDownLatch done = new CountDownLatch(1);
        FixedGatewayProvider preparing = new FixedGatewayProvider("builtin", new ScriptedModelGateway("builtin")) {
            @Override
            public void prepare() {
                threads.add(Thread.currentThread().getName());
                done.countDown();
            }
        };
        ModelGateways gateways = new ModelGateways(List.of(preparing), NO_SETTINGS);

        // when it is asked to prepare twice, and an unknown provider once
        gateways.prepare("builtin");
        gateways.prepare("builtin");
        gateways.prepare("nope");

        // then it was prepared once, not on the caller's thread, and no gateway was made for it
        assertThat(done.await(10, TimeUnit.SECONDS)).isTrue();
        Thread.sleep(50); // a second preparation, if there were one, has had time to start
        assertThat(threads).containsExactly("idem-prepare-builtin");
        assertThat(preparing.created()).isZero();
    }

    @Test
    void should_list_the_known_ids_when_the_provider_is_unknown() {
        // given
        ModelGateways gateways = new ModelGateways(List.of(provider("openai"), provider("builtin")), NO_SETTINGS);
        // when / then
        assertThatThrownBy(() -> gateways.gateway("anthropic"))
                .isInstanceOfSatisfying(UnknownProviderException.class,
                        e -> assertThat(e.available()).containsExactly("builtin", "openai"))
                .hasMessageContaining("'anthropic'")
                .hasMessageContaining("builtin, openai");
    }

    @Test
    void should_name_both_classes_when_two_providers_claim_one_id() {
        // given
        List<dev.idem.port.out.ModelGatewayProvider> clashing = List.of(
                new FirstOllamaProvider(), new SecondOllamaProvider());
        // when / then
        assertThatThrownBy(() -> new ModelGateways(clashing, NO_SETTINGS))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("'ollama'")
                .hasMessageContaining(FirstOllamaProvider.class.getName())
                .hasMessageContaining(SecondOllamaProvider.class.getName());
    }

    @Test
    void should_name_the_missing_setting_when_a_required_one_is_absent_or_blank() {
        // given
        FixedGatewayProvider openai = new FixedGatewayProvider("openai", new ScriptedModelGateway("openai"),
                List.of(Setting.required("OPENAI_API_KEY", true), Setting.optional("OPENAI_BASE_URL", "")));
        ModelGateways gateways = new ModelGateways(List.of(openai),
                GatewaySettings.of(Map.of("OPENAI_API_KEY", "  ")));
        // when / then
        assertThatThrownBy(() -> gateways.gateway("openai"))
                .isInstanceOfSatisfying(ProviderNotConfiguredException.class, e -> {
                    assertThat(e.provider()).isEqualTo("openai");
                    assertThat(e.missing()).containsExactly("OPENAI_API_KEY");
                })
                .hasMessageContaining("OPENAI_API_KEY")
                .hasMessageNotContaining("OPENAI_BASE_URL");
        assertThat(openai.created()).isZero();
    }

    @Test
    void should_report_a_setting_the_provider_cannot_use_as_misconfiguration() {
        // given a provider whose factory refuses a setting, as the contract of create says it may
        dev.idem.port.out.ModelGatewayProvider azure = new FixedGatewayProvider("azure-openai",
                new ScriptedModelGateway("azure-openai")) {
            @Override
            public ModelGateway create(GatewaySettings given) {
                throw new IllegalArgumentException("AZURE_OPENAI_ENDPOINT must be an https URL, got 'http://res'");
            }
        };
        ModelGateways gateways = new ModelGateways(List.of(azure), NO_SETTINGS);
        // when / then
        assertThatThrownBy(() -> gateways.gateway("azure-openai"))
                .isInstanceOfSatisfying(ProviderNotConfiguredException.class,
                        e -> assertThat(e.provider()).isEqualTo("azure-openai"))
                .hasMessage("provider 'azure-openai' is misconfigured: AZURE_OPENAI_ENDPOINT must be an https URL,"
                        + " got 'http://res'");
    }

    @Test
    void should_create_a_gateway_when_its_required_settings_are_given() {
        // given
        ScriptedModelGateway made = new ScriptedModelGateway("openai");
        FixedGatewayProvider openai = new FixedGatewayProvider("openai", made,
                List.of(Setting.required("OPENAI_API_KEY", true)));
        ModelGateways gateways = new ModelGateways(List.of(openai),
                GatewaySettings.of(Map.of("OPENAI_API_KEY", "sk-test")));
        // when
        ModelGateway gateway = gateways.gateway("openai");
        // then
        assertThat(gateway).isSameAs(made);
    }

    @Test
    void should_create_each_gateway_once_and_reuse_it() {
        // given
        FixedGatewayProvider openai = provider("openai");
        FixedGatewayProvider builtin = provider("builtin");
        ModelGateways gateways = new ModelGateways(List.of(openai, builtin), NO_SETTINGS);
        // when
        ModelGateway first = gateways.gateway("openai");
        ModelGateway second = gateways.gateway("openai");
        gateways.gateway("builtin");
        // then
        assertThat(second).isSameAs(first);
        assertThat(openai.created()).isEqualTo(1);
        assertThat(builtin.created()).isEqualTo(1);
    }

    @Test
    void should_list_providers_sorted_by_id() {
        // given
        ModelGateways gateways = new ModelGateways(List.of(provider("openai"), provider("azure-openai"),
                provider("builtin")), NO_SETTINGS);
        // then
        assertThat(gateways.ids()).containsExactly("azure-openai", "builtin", "openai");
        assertThat(gateways.providers()).extracting(dev.idem.port.out.ModelGatewayProvider::id)
                .containsExactly("azure-openai", "builtin", "openai");
    }

    private static FixedGatewayProvider provider(String id) {
        return new FixedGatewayProvider(id, new ScriptedModelGateway(id));
    }

    private static final class FirstOllamaProvider extends FixedGatewayProvider {
        FirstOllamaProvider() {
            super("ollama", new ScriptedModelGateway("ollama"));
        }
    }

    private static final class SecondOllamaProvider extends FixedGatewayProvider {
        SecondOllamaProvider() {
            super("ollama", new ScriptedModelGateway("ollama"));
        }
    }
}
