package dev.idem.testkit;

import dev.idem.port.out.GatewaySettings;
import dev.idem.port.out.ModelGateway;
import dev.idem.port.out.ModelGatewayProvider;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

/** A provider that hands out one prepared gateway and counts how often it was asked to make one. */
public class FixedGatewayProvider implements ModelGatewayProvider {

    private final String id;
    private final ModelGateway gateway;
    private final List<Setting> settings;
    private final AtomicInteger created = new AtomicInteger();

    public FixedGatewayProvider(String id, ModelGateway gateway) {
        this(id, gateway, List.of());
    }

    public FixedGatewayProvider(String id, ModelGateway gateway, List<Setting> settings) {
        this.id = id;
        this.gateway = gateway;
        this.settings = List.copyOf(settings);
    }

    public int created() {
        return created.get();
    }

    @Override
    public String id() {
        return id;
    }

    @Override
    public String description() {
        return "test provider " + id;
    }

    @Override
    public List<Setting> settings() {
        return settings;
    }

    @Override
    public ModelGateway create(GatewaySettings given) {
        created.incrementAndGet();
        return gateway;
    }
}
