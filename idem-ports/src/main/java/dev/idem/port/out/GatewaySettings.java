package dev.idem.port.out;

import dev.idem.port.in.Vocabulary;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;

/**
 * What a provider is configured with. Values are keyed by their conventional environment variable name
 * ({@code OPENAI_API_KEY}, {@code OLLAMA_BASE_URL}, ...); the composition root reads the environment, adapters never
 * do.
 *
 * @param values           setting name to value
 * @param requestTimeout   timeout of one attempt
 * @param maxResponseBytes the most bytes of a reply body a gateway reads; a longer reply fails its attempt
 * @param vocabulary       the words a failure uses for what to change ({@code --model} or {@code .model("…")})
 */
public record GatewaySettings(Map<String, String> values, Duration requestTimeout, long maxResponseBytes,
                              Vocabulary vocabulary) {

    /** The default reply size limit, 16 MiB: far beyond any chat completion, far below what hurts a JVM. */
    public static final long DEFAULT_MAX_RESPONSE_BYTES = 16L << 20;

    public GatewaySettings {
        values = Map.copyOf(values == null ? Map.of() : values);
        requestTimeout = requestTimeout == null ? Duration.ofSeconds(60) : requestTimeout;
        if (maxResponseBytes <= 0) {
            throw new IllegalArgumentException("the reply size limit must be positive, got " + maxResponseBytes);
        }
        vocabulary = vocabulary == null ? Vocabulary.commandLine() : vocabulary;
    }

    /** Settings whose failures speak the command line's words. */
    public GatewaySettings(Map<String, String> values, Duration requestTimeout, long maxResponseBytes) {
        this(values, requestTimeout, maxResponseBytes, Vocabulary.commandLine());
    }

    /** Settings with the default reply size limit. */
    public GatewaySettings(Map<String, String> values, Duration requestTimeout) {
        this(values, requestTimeout, DEFAULT_MAX_RESPONSE_BYTES);
    }

    public static GatewaySettings of(Map<String, String> values) {
        return new GatewaySettings(values, Duration.ofSeconds(60));
    }

    /** A non-blank setting. */
    public Optional<String> get(String name) {
        String v = values.get(name);
        return v == null || v.isBlank() ? Optional.empty() : Optional.of(v.trim());
    }

    /** A copy with one setting changed. */
    public GatewaySettings with(String name, String value) {
        Map<String, String> m = new HashMap<>(values);
        m.put(name, value);
        return new GatewaySettings(m, requestTimeout, maxResponseBytes, vocabulary);
    }

    /** Never prints values: some are secrets. */
    @Override
    public String toString() {
        return "GatewaySettings" + new TreeSet<>(values.keySet()) + " timeout=" + requestTimeout
                + " maxResponseBytes=" + maxResponseBytes + " " + vocabulary;
    }
}
