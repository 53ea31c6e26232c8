package dev.idem.application;

import dev.idem.domain.execution.EndpointUrl;
import dev.idem.port.in.ListProvidersUseCase;
import dev.idem.port.out.GatewaySettings;
import dev.idem.port.out.ModelGatewayProvider;
import dev.idem.port.out.ModelGatewayProvider.Setting;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/** Tells, for each model provider, whether its settings are there, without ever showing a secret. */
public final class ListProvidersService implements ListProvidersUseCase {

    private final ModelGateways gateways;

    public ListProvidersService(ModelGateways gateways) {
        this.gateways = Objects.requireNonNull(gateways, "gateways");
    }

    @Override
    public List<ProviderStatus> list(ListProvidersCommand command) {
        Objects.requireNonNull(command, "command");
        GatewaySettings settings = gateways.settings();
        return gateways.providers().stream()
                .map(p -> new ProviderStatus(p.id(), p.description(), p.missing(settings).isEmpty(),
                        p.settings().stream().map(s -> status(s, settings)).toList()))
                .toList();
    }

    private static SettingStatus status(Setting setting, GatewaySettings settings) {
        Optional<String> value = settings.get(setting.name());
        // a URL setting may carry a password or a key of its own (user:pass@, ?key=): shown without it
        Optional<String> shown = setting.secret() ? Optional.empty() : value.map(EndpointUrl::redactIn);
        return new SettingStatus(setting.name(), setting.required(), setting.secret(), value.isPresent(), shown,
                setting.defaultValue());
    }
}
