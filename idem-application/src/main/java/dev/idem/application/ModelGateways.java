package dev.idem.application;

import dev.idem.port.in.ProviderNotConfiguredException;
import dev.idem.port.in.UnknownProviderException;
import dev.idem.port.out.GatewaySettings;
import dev.idem.port.out.ModelGateway;
import dev.idem.port.out.ModelGatewayProvider;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The model providers idem knows, by id, and the gateways made from them (one per provider, reused). Fails
 * loudly on an unknown id or on two providers claiming one id, listing what is available.
 */
public final class ModelGateways {

    private final Providers<ModelGatewayProvider> providers;
    private final GatewaySettings settings;
    private final Map<String, ModelGateway> made = new ConcurrentHashMap<>();
    private final Set<String> prepared = ConcurrentHashMap.newKeySet();

    /**
     * @param providers every provider; ids must be distinct
     * @param settings  the settings all providers read (each takes its own keys)
     * @throws dev.idem.port.in.DuplicateProviderException if two providers claim one id
     */
    public ModelGateways(List<ModelGatewayProvider> providers, GatewaySettings settings) {
        this.providers = Providers.of("provider", providers, p -> List.of(p.id()));
        this.settings = settings;
    }

    /** Provider ids, sorted. */
    public List<String> ids() {
        return providers.ids();
    }

    /** Every provider, sorted by id. */
    public List<ModelGatewayProvider> providers() {
        return providers.all();
    }

    /** The settings providers are created with. */
    public GatewaySettings settings() {
        return settings;
    }

    /**
     * Has the provider load what its first request needs on a daemon thread, once, while the caller goes on (see
     * {@link ModelGatewayProvider#prepare()}). An unknown id, or a failure there, is left for the request to report.
     */
    public void prepare(String id) {
        if (!prepared.add(id)) {
            return;
        }
        ModelGatewayProvider provider;
        try {
            provider = providers.get(id);
        } catch (RuntimeException unknown) {
            return;
        }
        Thread thread = new Thread(() -> {
            try {
                provider.prepare();
            } catch (RuntimeException | LinkageError ignored) {
                // the request itself will meet the same failure and report it
            }
        }, "idem-prepare-" + id);
        thread.setDaemon(true);
        thread.start();
    }

    /**
     * The gateway of a provider, made on first use.
     *
     * @throws UnknownProviderException if there is no such provider
     * @throws ProviderNotConfiguredException if a required setting is missing or unusable; the message names it
     */
    public ModelGateway gateway(String id) {
        ModelGatewayProvider provider = providers.get(id);
        return made.computeIfAbsent(id, k -> {
            List<String> missing = provider.missing(settings);
            if (!missing.isEmpty()) {
                throw new ProviderNotConfiguredException(id, missing, settings.vocabulary());
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
