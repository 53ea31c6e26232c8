package dev.idem.api;

import dev.idem.application.IdempotentExecutor;
import dev.idem.domain.execution.RandomSource;
import dev.idem.domain.execution.RetryPolicy;
import dev.idem.port.in.ExecutionOptions;
import dev.idem.port.in.ModelAttempt;
import dev.idem.port.in.Vocabulary;
import dev.idem.port.out.GatewaySettings;
import dev.idem.port.out.InvalidStoreUriException;
import dev.idem.port.out.ModelGateway;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * Builds an {@link Idem}: provider and model, provider settings, the execution store, retries and caching. Every
 * setting has a default ({@link Idem#builder()}).
 *
 * <p>Like the idem command line, it reads the environment: {@value #PROVIDER}, {@value #MODEL}, {@value #STORE},
 * {@value #MAX_RESPONSE_BYTES}, and the settings of the providers on the class path ({@code OPENAI_API_KEY},
 * {@code OPENAI_BASE_URL}, {@code AZURE_OPENAI_ENDPOINT}, {@code AZURE_OPENAI_API_KEY},
 * {@code AZURE_OPENAI_DEPLOYMENT}, {@code AZURE_OPENAI_API_VERSION}, {@code OLLAMA_BASE_URL}); nothing else. What
 * you set on the builder wins over the environment ({@link #provider}, {@link #model}, {@link #store},
 * {@link #setting}, {@link #maxResponseBytes}), the environment wins over {@link #defaults}, and
 * {@link #ignoreEnvironment()} (or {@link #environment(Map)}) leaves it out. A blank value counts as unset.
 */
public final class IdemBuilder {

    /** The environment variable that chooses the provider when {@link #provider} is not called. */
    public static final String PROVIDER = "IDEM_PROVIDER";
    /** The environment variable that chooses the model when {@link #model} is not called. */
    public static final String MODEL = "IDEM_MODEL";
    /** The environment variable that chooses the store when {@link #store} is not called. */
    public static final String STORE = "IDEM_STORE";
    /** The environment variable that limits a reply's size when {@link #maxResponseBytes} is not called. */
    public static final String MAX_RESPONSE_BYTES = "IDEM_MAX_RESPONSE_BYTES";

    String provider;
    String model;
    final Map<String, String> settings = new HashMap<>();
    Map<String, String> environment;
    Map<String, String> defaults = Map.of();
    Vocabulary vocabulary;
    Duration requestTimeout = Duration.ofSeconds(60);
    Long maxResponseBytes;
    URI storeUri;
    RetryPolicy retryPolicy = RetryPolicy.defaults();
    boolean useCache = true;
    Duration cacheTtl = ExecutionOptions.DEFAULT_TTL;
    Duration failureTtl = ExecutionOptions.DEFAULT_FAILURE_TTL;
    Duration lease = IdempotentExecutor.DEFAULT_LEASE;
    Clock clock = Clock.systemUTC();
    RandomSource random = RandomSource.seeded(System.nanoTime());
    final List<ModelGateway> customGateways = new ArrayList<>();
    Consumer<ModelAttempt> requestLog = attempt -> { };

    IdemBuilder() {
    }

    /**
     * Provider id: {@code builtin} (default), {@code openai}, {@code azure-openai}, {@code ollama}; wins over
     * {@value #PROVIDER}.
     */
    public IdemBuilder provider(String id) {
        this.provider = Objects.requireNonNull(id, "id");
        return this;
    }

    /** A model that overrides the spec's; wins over {@value #MODEL}. */
    public IdemBuilder model(String name) {
        this.model = name;
        return this;
    }

    /**
     * A provider setting by its environment-variable name, e.g. {@code OPENAI_API_KEY},
     * {@code OPENAI_BASE_URL}, {@code AZURE_OPENAI_ENDPOINT}, {@code OLLAMA_BASE_URL}; wins over the environment.
     */
    public IdemBuilder setting(String name, String value) {
        settings.put(Objects.requireNonNull(name, "name"), Objects.requireNonNull(value, "value"));
        return this;
    }

    /** Several provider settings at once, as {@link #setting} each. */
    public IdemBuilder settings(Map<String, String> values) {
        values.forEach(this::setting);
        return this;
    }

    /**
     * The environment to read instead of the process's ({@code System.getenv()}, the default): idem takes from it
     * exactly {@value #PROVIDER}, {@value #MODEL}, {@value #STORE}, {@value #MAX_RESPONSE_BYTES} and the settings the
     * providers on the class path declare, nothing else. {@code Map.of()} reads none.
     */
    public IdemBuilder environment(Map<String, String> environment) {
        this.environment = Map.copyOf(Objects.requireNonNull(environment, "environment"));
        return this;
    }

    /** Reads no environment variable: only what is set on this builder, then {@link #defaults}, counts. */
    public IdemBuilder ignoreEnvironment() {
        return environment(Map.of());
    }

    /**
     * Settings below the environment, by the same names (e.g. a project's configuration file:
     * {@code IDEM_PROVIDER=ollama}, {@code OLLAMA_BASE_URL=...}): each is used only where neither this builder nor
     * the environment gives a value.
     */
    public IdemBuilder defaults(Map<String, String> settings) {
        this.defaults = Map.copyOf(Objects.requireNonNull(settings, "settings"));
        return this;
    }

    /**
     * The words failures use for what to change: {@link Vocabulary#java} by default ({@code .model("…")}), the
     * command line's ({@code --model}) for the idem CLI.
     */
    public IdemBuilder vocabulary(Vocabulary words) {
        this.vocabulary = Objects.requireNonNull(words, "words");
        return this;
    }

    /** Timeout of one model attempt (default 60 s). */
    public IdemBuilder requestTimeout(Duration timeout) {
        this.requestTimeout = Objects.requireNonNull(timeout, "timeout");
        return this;
    }

    /**
     * The most bytes of one reply a provider may send (default 16 MiB, or {@value #MAX_RESPONSE_BYTES}, e.g.
     * {@code 64MiB}); a longer reply fails its call with a {@link dev.idem.port.out.ReplyTooLargeException} instead
     * of filling the heap.
     *
     * @throws IllegalArgumentException if it is not positive
     */
    public IdemBuilder maxResponseBytes(long bytes) {
        if (bytes <= 0) {
            throw new IllegalArgumentException("the reply size limit must be positive, got " + bytes);
        }
        this.maxResponseBytes = bytes;
        return this;
    }

    /**
     * The execution store: {@code memory:} (default), {@code sqlite:.idem/store.db}, {@code redis://host:6379/0};
     * wins over {@value #STORE}.
     *
     * @throws dev.idem.port.out.InvalidStoreUriException if it is not a store URI
     */
    public IdemBuilder store(String uri) {
        this.storeUri = storeUri(Objects.requireNonNull(uri, "uri"));
        return this;
    }

    static URI storeUri(String uri) {
        String trimmed = uri.trim();
        // "memory:" is how people write it, but java.net.URI wants something after the colon
        String text = trimmed.endsWith(":") ? trimmed + "/" : trimmed;
        try {
            return URI.create(text);
        } catch (IllegalArgumentException e) {
            // A path with characters a URI must escape (a space, a '%'): quote them rather than refuse the path.
            int colon = text.indexOf(':');
            try {
                if (colon > 0) {
                    return new URI(text.substring(0, colon), text.substring(colon + 1), null);
                }
            } catch (URISyntaxException ignored) {
                // reported below, as the URI the user wrote
            }
            throw new InvalidStoreUriException("not a store URI: " + text.replaceFirst("//[^@/]*@", "//")
                    + " (use memory:, sqlite:PATH or redis://host:port/db)", e);
        }
    }

    /** Retries of failed model calls. */
    public IdemBuilder retryPolicy(RetryPolicy policy) {
        this.retryPolicy = Objects.requireNonNull(policy, "policy");
        return this;
    }

    /** Whether identical calls are replayed from the store (default true). */
    public IdemBuilder cache(boolean use) {
        this.useCache = use;
        return this;
    }

    /** How long completed calls are kept (default 14 days). */
    public IdemBuilder cacheTtl(Duration ttl) {
        this.cacheTtl = Objects.requireNonNull(ttl, "ttl");
        return this;
    }

    /**
     * How long a request the provider rejected is remembered, so that identical calls made at about the same
     * time do not pay for the same rejection (default 10 minutes; zero: never remembered).
     */
    public IdemBuilder failureTtl(Duration ttl) {
        this.failureTtl = Objects.requireNonNull(ttl, "ttl");
        return this;
    }

    /** Lease of a claim on a call (default 15 s, renewed by a heartbeat). */
    public IdemBuilder lease(Duration lease) {
        this.lease = Objects.requireNonNull(lease, "lease");
        return this;
    }

    /** The clock for leases and TTLs (tests). */
    public IdemBuilder clock(Clock clock) {
        this.clock = Objects.requireNonNull(clock, "clock");
        return this;
    }

    /** The jitter source (tests). */
    public IdemBuilder random(RandomSource random) {
        this.random = Objects.requireNonNull(random, "random");
        return this;
    }

    /** Uses your own gateway under its {@link ModelGateway#providerId()}, replacing any provider of that id. */
    public IdemBuilder gateway(ModelGateway gateway) {
        customGateways.add(Objects.requireNonNull(gateway, "gateway"));
        return this;
    }

    /**
     * Tells {@code log} of every attempt at a model call as it ends: provider, endpoint (without credentials), model,
     * outcome and time; replays from the store make none. Called from the threads that make the calls.
     */
    public IdemBuilder requestLog(Consumer<ModelAttempt> log) {
        this.requestLog = Objects.requireNonNull(log, "log");
        return this;
    }

    /**
     * The configured {@link Idem}; its store and provider clients are opened on first use.
     *
     * @throws InvalidSettingException if a setting from the environment or the defaults is malformed
     * @throws dev.idem.port.out.InvalidStoreUriException if {@value #STORE} is not a store URI
     */
    public Idem build() {
        // the composition root is where idem reads the environment; adapters are handed values
        Map<String, String> read = environment != null ? environment : System.getenv();
        return new Idem(new IdemAssembly(this, new SettingSources(read, defaults)));
    }
}
