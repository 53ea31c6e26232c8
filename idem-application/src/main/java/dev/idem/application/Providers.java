package dev.idem.application;

import dev.idem.port.in.DuplicateProviderException;
import dev.idem.port.in.UnknownProviderException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.ServiceLoader;
import java.util.TreeMap;
import java.util.function.Function;

/**
 * The service providers of one kind (model providers, execution stores, report writers) by their ids: one provider
 * may answer to several ids (a store to the schemes {@code redis} and {@code rediss}); two providers claiming one id
 * fail at once, naming both, rather than let the last one found win; an unknown id fails listing the ones there are.
 *
 * @param <P> the kind of provider
 */
public final class Providers<P> {

    private final String what;
    private final Map<String, P> byId;

    private Providers(String what, Map<String, P> byId) {
        this.what = what;
        this.byId = byId;
    }

    /**
     * The providers given, by the ids each declares.
     *
     * @param what  what an id names, in messages: {@code provider}, {@code store}, {@code report format}
     * @param idsOf the ids of a provider (at least one)
     * @throws DuplicateProviderException if two providers claim one id
     */
    public static <P> Providers<P> of(String what, Collection<? extends P> providers,
                                      Function<? super P, ? extends Collection<String>> idsOf) {
        Map<String, P> byId = new TreeMap<>();
        for (P provider : providers) {
            for (String id : idsOf.apply(provider)) {
                P clash = byId.putIfAbsent(id, provider);
                if (clash != null) {
                    throw new DuplicateProviderException(what, id, clash.getClass().getName(),
                            provider.getClass().getName());
                }
            }
        }
        return new Providers<>(what, byId);
    }

    /**
     * The providers registered with {@link ServiceLoader} on the class path of {@code loader}.
     *
     * @throws DuplicateProviderException if two of them claim one id
     */
    public static <P> Providers<P> load(Class<P> type, ClassLoader loader, String what,
                                        Function<? super P, ? extends Collection<String>> idsOf) {
        return of(what, discover(type, loader), idsOf);
    }

    /** Every provider of a type registered with {@link ServiceLoader} on the class path of {@code loader}. */
    public static <P> List<P> discover(Class<P> type, ClassLoader loader) {
        List<P> found = new ArrayList<>();
        ServiceLoader.load(type, loader).forEach(found::add);
        return found;
    }

    /**
     * The provider of an id.
     *
     * @throws UnknownProviderException if none has it; the message lists the ids there are
     */
    public P get(String id) {
        return find(id).orElseThrow(() -> new UnknownProviderException(what, id, ids()));
    }

    /** The provider of an id, if there is one. */
    public Optional<P> find(String id) {
        return Optional.ofNullable(byId.get(id));
    }

    /** Every id, sorted. */
    public List<String> ids() {
        return List.copyOf(byId.keySet());
    }

    /** Every provider once, in the order of their first ids. */
    public List<P> all() {
        return List.copyOf(new LinkedHashSet<>(byId.values()));
    }
}
