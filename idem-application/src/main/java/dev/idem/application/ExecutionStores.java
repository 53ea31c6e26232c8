package dev.idem.application;

import dev.idem.domain.IdemFailure;
import dev.idem.domain.execution.EndpointUrl;
import dev.idem.port.in.UnknownProviderException;
import dev.idem.port.in.Vocabulary;
import dev.idem.port.out.ExecutionStore;
import dev.idem.port.out.ExecutionStoreProvider;
import dev.idem.port.out.InvalidStoreUriException;
import dev.idem.port.out.StoreUnavailableException;
import java.net.URI;
import java.time.Clock;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * Opens execution stores by URI: its scheme, in any case, picks the store provider that declares it
 * ({@code memory:}, {@code sqlite:PATH}, {@code redis://host:port/db}, {@code rediss://...}).
 */
public final class ExecutionStores {

    private final Providers<ExecutionStoreProvider> providers;

    /** @throws dev.idem.port.in.DuplicateProviderException if two providers claim one scheme */
    public ExecutionStores(Collection<? extends ExecutionStoreProvider> providers) {
        this.providers = Providers.of("store", providers, ExecutionStoreProvider::schemes);
    }

    /** The schemes there are, sorted. */
    public List<String> schemes() {
        return providers.ids();
    }

    /**
     * Opens (and, where needed, creates) the store a URI names. Whatever a provider finds wrong with the URI is a
     * usage error ({@link InvalidStoreUriException}), never an internal one.
     *
     * @throws InvalidStoreUriException  if the URI has no scheme or cannot name a store of its scheme
     * @throws UnknownProviderException  if no provider declares its scheme; the message lists those that do
     * @throws StoreUnavailableException if the store cannot be opened
     */
    public ExecutionStore open(URI uri, Clock clock) {
        return open(uri, clock, Vocabulary.commandLine());
    }

    /**
     * As {@link #open(URI, Clock)}, with the words a failure uses for the store setting.
     *
     * @throws InvalidStoreUriException  if the URI has no scheme or cannot name a store of its scheme
     * @throws UnknownProviderException  if no provider declares its scheme; the message lists those that do
     * @throws StoreUnavailableException if the store cannot be opened
     */
    public ExecutionStore open(URI uri, Clock clock, Vocabulary words) {
        String scheme = uri.getScheme();
        if (scheme == null) {
            throw new InvalidStoreUriException(noScheme(uri.toString()));
        }
        String lower = scheme.toLowerCase(Locale.ROOT);
        ExecutionStoreProvider provider = providers.get(lower);
        // RFC 3986: schemes are case-insensitive; providers are handed the canonical lower-case form
        URI canonical = lower.equals(scheme) ? uri : URI.create(lower + uri.toString().substring(scheme.length()));
        try {
            return provider.open(canonical, clock, words);
        } catch (IllegalArgumentException e) {
            if (e instanceof IdemFailure) {
                throw e;
            }
            throw new InvalidStoreUriException("not a " + lower + " store URI: " + EndpointUrl.redactIn(uri.toString())
                    + " (" + e.getMessage() + ")", e);
        }
    }

    private String noScheme(String text) {
        String schemes = schemes().stream().map(s -> s + ":").collect(Collectors.joining(", "));
        boolean isScheme = schemes().contains(text.toLowerCase(Locale.ROOT));
        return "store URI '" + EndpointUrl.redactIn(text) + "' names no scheme"
                + (isScheme ? "; did you mean '" + text + ":'?" : "") + " (a store URI begins with its scheme: "
                + schemes + ")";
    }
}
