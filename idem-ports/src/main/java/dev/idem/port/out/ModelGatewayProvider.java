package dev.idem.port.out;

import java.util.List;

/**
 * A service-provider entry that makes {@link ModelGateway}s for one provider id. Each adapter module
 * registers one in {@code META-INF/services/dev.idem.port.out.ModelGatewayProvider}.
 */
public interface ModelGatewayProvider {

    /** Stable lowercase id: {@code builtin}, {@code openai}, {@code azure-openai}, {@code ollama}. */
    String id();

    /** One line for {@code idem providers}. */
    String description();

    /** The settings this provider reads, and which are required. */
    List<Setting> settings();

    /** The settings that are required but missing or blank. */
    default List<String> missing(GatewaySettings settings) {
        return settings().stream().filter(Setting::required).map(Setting::name)
                .filter(n -> settings.get(n).isEmpty()).toList();
    }

    /**
     * Makes a gateway.
     *
     * @throws IllegalArgumentException if a setting is missing or malformed; the message names it
     */
    ModelGateway create(GatewaySettings settings);

    /**
     * Loads what this provider's first request will need (bundled knowledge, compiled rules), so that it is ready by
     * the time the request comes. Called at most once a run, on a background thread, while idem does the rest of its
     * start-up (reads the spec, opens the store), and only for the provider a run is set to use; it must be safe to
     * run beside {@link #create} and must not fail (a real failure surfaces in the request). Nothing by default.
     */
    default void prepare() {
    }

    /**
     * A setting a provider reads.
     *
     * @param name         conventional environment variable name
     * @param required     whether the provider cannot work without it
     * @param secret       whether its value must never be shown
     * @param defaultValue shown by {@code idem providers} when not required; may be empty
     */
    record Setting(String name, boolean required, boolean secret, String defaultValue) {
        public static Setting required(String name, boolean secret) {
            return new Setting(name, true, secret, "");
        }

        public static Setting optional(String name, String defaultValue) {
            return new Setting(name, false, false, defaultValue);
        }
    }
}
