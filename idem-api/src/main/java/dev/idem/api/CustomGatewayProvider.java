package dev.idem.api;

import dev.idem.port.out.GatewaySettings;
import dev.idem.port.out.ModelGateway;
import dev.idem.port.out.ModelGatewayProvider;
import java.util.List;

/** An embedder's own gateway ({@link IdemBuilder#gateway(ModelGateway)}) as a provider under its id. */
final class CustomGatewayProvider implements ModelGatewayProvider {
    private final ModelGateway gateway;

    CustomGatewayProvider(ModelGateway gateway) {
        this.gateway = gateway;
    }

    @Override
    public String id() {
        return gateway.providerId();
    }

    @Override
    public String description() {
        return "custom gateway " + gateway.getClass().getName();
    }

    @Override
    public List<Setting> settings() {
        return List.of();
    }

    @Override
    public ModelGateway create(GatewaySettings settings) {
        return gateway;
    }
}
