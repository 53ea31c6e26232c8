package dev.idem.domain.execution;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Collectors;

/**
 * Which endpoint of a provider answers a call, in so far as it decides the answer: a base URL, an Azure deployment,
 * an API version, whatever a provider declares. It is part of every call's {@link Fingerprint}, so that a reply
 * stored from one server is never replayed as the answer of another. It holds no secret: URLs go in through
 * {@link #withUrl(String, String)}, which strips their credentials, and keys never go in at all.
 *
 * @param values name to value, in the order the provider declared them
 */
public record EndpointIdentity(Map<String, String> values) {

    /** No endpoint beyond the provider id: a provider that calls no server, such as the built-in architect. */
    public static final EndpointIdentity NONE = new EndpointIdentity(Map.of());

    public EndpointIdentity {
        Objects.requireNonNull(values, "values");
        Map<String, String> copy = new LinkedHashMap<>();
        values.forEach((name, value) -> copy.put(Objects.requireNonNull(name, "name"),
                Objects.requireNonNull(value, "value of " + name)));
        values = Collections.unmodifiableMap(copy);
    }

    /** The same identity plus one value, e.g. {@code with("apiVersion", "2024-10-21")}. */
    public EndpointIdentity with(String name, String value) {
        Map<String, String> more = new LinkedHashMap<>(values);
        more.put(name, value);
        return new EndpointIdentity(more);
    }

    /** The same identity plus a URL, without its credentials and spelled one way (see {@link EndpointUrl}). */
    public EndpointIdentity withUrl(String name, String url) {
        return with(name, EndpointUrl.of(url).toString());
    }

    /** Whether it names nothing beyond the provider. */
    public boolean isEmpty() {
        return values.isEmpty();
    }

    /** {@code name=value, name=value}, in declaration order. */
    @Override
    public String toString() {
        return values.entrySet().stream().map(e -> e.getKey() + "=" + e.getValue()).collect(Collectors.joining(", "));
    }
}
