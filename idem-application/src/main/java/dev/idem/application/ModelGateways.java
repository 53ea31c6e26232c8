package dev.idem.application;

import dev.idem.port.out.GatewaySettings;
import dev.idem.port.out.ModelGateway;
import dev.idem.port.out.ModelGatewayProvider;
import dev.idem.port.out.ProviderNotConfiguredException;
import dev.idem.port.out.UnknownProviderException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The model providers idem knows, by id, and the gateways made from them (one per provider, reused). Fails
 * loudly on an unknown id or on two providers claiming one id, listing what is available.
 */
public final class ModelGateways {

    private final Map<String, ModelGatewayProvider> providers;
    private final GatewaySettings settings;
    private final Map<String, ModelGateway> made = new ConcurrentHashMap<>();

    /**
     * @param providers every provider; ids must be distinct
     * @param settings  the settings all providers read (each takes its own keys)
     */
    public ModelGateways(List<ModelGatewayProvider> providers, GatewaySettings settings) {
        Map<String, ModelGatewayProvider> byId = new TreeMap<>();
        for (ModelGatewayProvider p : providers) {
            ModelGatewayProvider clash = byId.putIfAbsent(p.id(), p);
            if (clash != null) {
                throw new IllegalStateException("two model providers claim the id '" + p.id() + "': "
                        + clash.getClass().getName() + " and " + p.getClass().getName());
            }
        }
        this.providers = byId;
        this.settings = settings;
    }

    /** Every provider registered with {@link ServiceLoader} on the class path of {@code loader}. */
    public static List<ModelGatewayProvider> discover(ClassLoader loader) {
        List<ModelGatewayProvider> found = new ArrayList<>();
        ServiceLoader.load(ModelGatewayProvider.class, loader).forEach(found::add);
        return found;
    }

    /** Provider ids, sorted. */
    public List<String> ids() {
        return List.copyOf(providers.keySet());
    }

    /** Every provider, sorted by id. */
    public List<ModelGatewayProvider> providers() {
        return List.copyOf(providers.values());
    }

    /** The settings providers are created with. */
    public GatewaySettings settings() {
        return settings;
    }

    /**
     * The gateway of a provider, made on first use.
     *
     * @throws UnknownProviderException if there is no such provider
     * @throws ProviderNotConfiguredException if a required setting is missing or unusable; the message names it
     */
    public ModelGateway gateway(String id) {
        ModelGatewayProvider provider = providers.get(id);
        if (provider == null) {
            throw new UnknownProviderException("provider", id, ids());
        }
        return made.computeIfAbsent(id, k -> {
            List<String> missing = provider.missing(settings);
            if (!missing.isEmpty()) {
                throw new ProviderNotConfiguredException(id, missing);
            }
            try {
                return provider.create(settings);
            } catch (IllegalArgumentException unusable) {
                // the provider's contract: a missing or malformed setting, named in the message
                throw new ProviderNotConfiguredException(id, unusable.getMessage());
            }
        });
    }
}
