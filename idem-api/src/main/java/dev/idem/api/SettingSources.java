package dev.idem.api;

import java.util.Map;
import java.util.Optional;

/**
 * Where a setting the builder was not given comes from: the environment, then the defaults (a project's
 * configuration). A blank value counts as unset, and a value is taken without the spaces around it.
 */
final class SettingSources {

    private final Map<String, String> environment;
    private final Map<String, String> defaults;

    SettingSources(Map<String, String> environment, Map<String, String> defaults) {
        this.environment = environment;
        this.defaults = defaults;
    }

    /** Whether any environment variable can be read at all (so that setting one is a remedy worth naming). */
    boolean readsEnvironment() {
        return !environment.isEmpty();
    }

    Optional<String> get(String name) {
        return value(environment, name).or(() -> value(defaults, name));
    }

    private static Optional<String> value(Map<String, String> source, String name) {
        String v = source.get(name);
        return v == null || v.isBlank() ? Optional.empty() : Optional.of(v.strip());
    }
}
