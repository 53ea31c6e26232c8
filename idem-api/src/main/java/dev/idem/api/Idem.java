package dev.idem.api;

import dev.idem.adapter.json.JsonRubricRepository;
import dev.idem.adapter.json.JsonSchemaValidator;
import dev.idem.adapter.yaml.YamlPromptSpecRepository;
import dev.idem.application.DesignIdempotencyService;
import dev.idem.application.EvaluateSpecService;
import dev.idem.application.EvaluatorFactory;
import dev.idem.application.IdempotentExecutor;
import dev.idem.application.ModelGateways;
import dev.idem.application.RenderPromptService;
import dev.idem.application.RunPromptService;
import dev.idem.application.Sleeper;
import dev.idem.application.SpecResolver;
import dev.idem.application.UnknownProviderException;
import dev.idem.application.ValidateSpecService;
import dev.idem.domain.evaluation.RegexBudget;
import dev.idem.domain.execution.RandomSource;
import dev.idem.domain.spec.PromptSpec;
import dev.idem.domain.execution.RetryPolicy;
import dev.idem.port.in.DesignIdempotencyUseCase;
import dev.idem.port.in.EvaluateSpecUseCase;
import dev.idem.port.in.EvaluateSpecUseCase.EvaluateSpecCommand;
import dev.idem.port.in.EvaluationResult;
import dev.idem.port.in.ExecutionOptions;
import dev.idem.port.in.ModelChoice;
import dev.idem.port.in.RenderPromptUseCase;
import dev.idem.port.in.RunPromptUseCase;
import dev.idem.port.in.RunPromptUseCase.RunPromptCommand;
import dev.idem.port.in.RunResult;
import dev.idem.port.in.SpecInput;
import dev.idem.port.in.ValidateSpecUseCase;
import dev.idem.port.out.ExecutionStore;
import dev.idem.port.out.ExecutionStoreProvider;
import dev.idem.port.out.GatewaySettings;
import dev.idem.port.out.InvalidStoreUriException;
import dev.idem.port.out.ModelGateway;
import dev.idem.port.out.ModelGatewayProvider;
import dev.idem.port.out.ReportWriter;
import dev.idem.port.out.StoreUnavailableException;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.ServiceLoader;
import java.util.TreeMap;
import java.util.UUID;
import java.util.function.Supplier;

/**
 * The entry point for using idem from Java: the flagship architect and any prompt spec, on any provider,
 * with every model call made idempotent through an execution store.
 *
 * <pre>{@code
 * try (Idem idem = Idem.builder()
 *         .provider("ollama")                                   // or "openai", "azure-openai", "builtin"
 *         .setting("OLLAMA_BASE_URL", "http://localhost:11434")
 *         .model("llama3.1")
 *         .store("sqlite:.idem/store.db")                       // default: in memory
 *         .build()) {
 *     String design = idem.architect().design("REST + Kafka", "gateway timeouts, rebalances");
 *     RunResult reply = idem.run(Path.of("prompts/x.prompt.yml"), Map.of("input", "hello"));
 * }
 * }</pre>
 *
 * <p>Providers and stores are found with {@link ServiceLoader}: put {@code idem-adapters-openai},
 * {@code idem-adapters-ollama}, {@code idem-adapters-sqlite} or {@code idem-adapters-redis} on the class path
 * (the built-in offline architect and the in-memory store are always there), or pass your own gateway with
 * {@link Builder#gateway(ModelGateway)}. An {@code Idem} is thread-safe; close it to release the store.
 */
public final class Idem implements AutoCloseable {

    /** Where the flagship spec lives inside this jar. */
    public static final String FLAGSHIP_RESOURCE = "dev/idem/api/prompts/idempotency-architect.prompt.yml";

    private final ModelChoice choice;
    private final ExecutionOptions options;
    private final ModelGateways gateways;
    private final YamlPromptSpecRepository repository = new YamlPromptSpecRepository();
    private final SpecResolver specs = new SpecResolver(repository);
    private final Lazy<ExecutionStore> store;
    private final Lazy<IdempotentExecutor> executor;
    private final Lazy<PromptSpec> flagship;
    private final Clock clock;

    private Idem(Builder b) {
        this.choice = new ModelChoice(b.provider, Optional.ofNullable(b.model));
        this.options = new ExecutionOptions(b.retryPolicy, b.useCache, b.cacheTtl, b.failureTtl);
        this.clock = b.clock;
        List<ModelGatewayProvider> providers = new ArrayList<>(ModelGateways.discover(Idem.class.getClassLoader()));
        for (ModelGateway custom : b.customGateways) {
            providers.removeIf(p -> p.id().equals(custom.providerId()));
            providers.add(new FixedGatewayProvider(custom));
        }
        this.gateways = new ModelGateways(providers, new GatewaySettings(b.settings, b.requestTimeout,
                b.maxResponseBytes));
        URI storeUri = b.storeUri;
        this.store = new Lazy<>(() -> openStore(storeUri, clock));
        Duration lease = b.lease;
        RandomSource random = b.random;
        // the owner name costs a host-name lookup: only commands that call models pay for it
        this.executor = new Lazy<>(() -> new IdempotentExecutor(store.get(), clock, random, Sleeper.system(),
                ownerId(), lease));
        this.flagship = new Lazy<>(this::loadFlagship);
    }

    /** A builder with the defaults: built-in provider, in-memory store, default retries, cache on. */
    public static Builder builder() {
        return new Builder();
    }

    /** The flagship architect on the configured provider. */
    public Architect architect() {
        return new Architect(designer(), choice, options);
    }

    /**
     * Runs a spec file once.
     *
     * @throws dev.idem.domain.spec.InvalidSpecException if it is not a valid spec
     * @throws dev.idem.domain.template.InvalidInputException if a value is missing
     * @throws dev.idem.port.in.ExecutionFailedException if the provider refuses or fails after retries
     */
    public RunResult run(Path spec, Map<String, String> values) {
        return runner().run(new RunPromptCommand(SpecInput.file(spec), values, choice, options));
    }

    /** Runs a spec in hand once. */
    public RunResult run(PromptSpec spec, Map<String, String> values) {
        return runner().run(new RunPromptCommand(SpecInput.of(spec), values, choice, options));
    }

    /** Evaluates a spec file's test rows with 4 cases in flight. */
    public EvaluationResult evaluate(Path spec) {
        return evaluator().evaluate(new EvaluateSpecCommand(SpecInput.file(spec), choice, Optional.empty(), 4, 1,
                Optional.empty(), Optional.empty(), options, r -> { }));
    }

    /** Lints spec files. */
    public ValidateSpecUseCase validator() {
        return new ValidateSpecService(repository);
    }

    /** Renders spec messages. */
    public RenderPromptUseCase renderer() {
        return new RenderPromptService(specs);
    }

    /** Runs specs. */
    public RunPromptUseCase runner() {
        return new RunPromptService(specs, gateways, executor.get());
    }

    /** The flagship shortcut. */
    public DesignIdempotencyUseCase designer() {
        return new DesignIdempotencyService(flagship.get(), runner());
    }

    /** Evaluates specs. */
    public EvaluateSpecUseCase evaluator() {
        return new EvaluateSpecService(specs, gateways, executor.get(),
                new EvaluatorFactory(new JsonRubricRepository(), new JsonSchemaValidator(),
                        RegexBudget.of(clock)), clock);
    }

    /** The providers, their settings and the gateways made from them. */
    public ModelGateways gateways() {
        return gateways;
    }

    /** The execution store, opened on first use. */
    public ExecutionStore store() {
        return store.get();
    }

    /** The idempotent executor (calls made and replayed so far). */
    public IdempotentExecutor executor() {
        return executor.get();
    }

    /** The provider and model chosen at build time. */
    public ModelChoice choice() {
        return choice;
    }

    /** Retry and cache options chosen at build time. */
    public ExecutionOptions options() {
        return options;
    }

    /** The flagship spec bundled with idem. */
    public PromptSpec flagship() {
        return flagship.get();
    }

    /** Report writers found on the class path, by format ({@code json}, {@code junit}, {@code md}, {@code html}). */
    public Map<String, ReportWriter> reportWriters() {
        Map<String, ReportWriter> writers = new TreeMap<>();
        ServiceLoader.load(ReportWriter.class, Idem.class.getClassLoader()).forEach(w -> writers.put(w.format(), w));
        return writers;
    }

    /**
     * Gives back the claims held on calls still in flight, so that other runs sharing the store need not wait for
     * their leases to run out (for a process that is being stopped). Safe to call from any thread, at any time.
     *
     * @return how many claims were given back
     */
    public int releaseHeldClaims() {
        return executor.isCreated() ? executor.get().releaseHeldClaims() : 0;
    }

    /** Gives back held claims, records the run's figures in the store and closes it. */
    @Override
    public void close() {
        if (executor.isCreated()) {
            executor.get().close();
        }
        if (store.isCreated()) {
            store.get().close();
        }
    }

    private PromptSpec loadFlagship() {
        try (InputStream in = Idem.class.getClassLoader().getResourceAsStream(FLAGSHIP_RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("the flagship spec is missing from the idem-api jar: "
                        + FLAGSHIP_RESOURCE);
            }
            return repository.parse("idempotency-architect.prompt.yml (bundled)", in.readAllBytes()).spec();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the bundled flagship spec", e);
        }
    }

    /**
     * Opens a store by URI: {@code memory:}, {@code sqlite:PATH}, {@code redis://host:port/db}.
     *
     * @throws UnknownProviderException if no store handles the scheme
     * @throws InvalidStoreUriException if the URI cannot name a store (malformed, a device, an unknown database)
     * @throws StoreUnavailableException if it cannot be opened
     */
    public static ExecutionStore openStore(URI uri, Clock clock) {
        String scheme = Optional.ofNullable(uri.getScheme()).orElse("").toLowerCase(java.util.Locale.ROOT);
        Map<String, ExecutionStoreProvider> byId = new TreeMap<>();
        ServiceLoader.load(ExecutionStoreProvider.class, Idem.class.getClassLoader())
                .forEach(p -> byId.put(p.id(), p));
        ExecutionStoreProvider provider = byId.get(scheme);
        if (provider == null) {
            throw new UnknownProviderException("store", scheme.isEmpty() ? uri.toString() : scheme,
                    List.copyOf(byId.keySet()));
        }
        return provider.open(uri, clock);
    }

    private static String ownerId() {
        String host;
        try {
            host = java.net.InetAddress.getLocalHost().getHostName();
        } catch (IOException e) {
            host = "localhost";
        }
        return host + ":" + ProcessHandle.current().pid() + ":" + UUID.randomUUID().toString().substring(0, 8);
    }

    /** Builds an {@link Idem}; every setting has a default. */
    public static final class Builder {
        private String provider = "builtin";
        private String model;
        private final Map<String, String> settings = new HashMap<>();
        private Duration requestTimeout = Duration.ofSeconds(60);
        private long maxResponseBytes = GatewaySettings.DEFAULT_MAX_RESPONSE_BYTES;
        private URI storeUri = URI.create("memory:/");
        private RetryPolicy retryPolicy = RetryPolicy.defaults();
        private boolean useCache = true;
        private Duration cacheTtl = ExecutionOptions.DEFAULT_TTL;
        private Duration failureTtl = ExecutionOptions.DEFAULT_FAILURE_TTL;
        private Duration lease = IdempotentExecutor.DEFAULT_LEASE;
        private Clock clock = Clock.systemUTC();
        private RandomSource random = RandomSource.seeded(System.nanoTime());
        private final List<ModelGateway> customGateways = new ArrayList<>();

        private Builder() {
        }

        /** Provider id: {@code builtin} (default), {@code openai}, {@code azure-openai}, {@code ollama}. */
        public Builder provider(String id) {
            this.provider = Objects.requireNonNull(id, "id");
            return this;
        }

        /** A model that overrides the spec's. */
        public Builder model(String name) {
            this.model = name;
            return this;
        }

        /**
         * A provider setting by its environment-variable name, e.g. {@code OPENAI_API_KEY},
         * {@code OPENAI_BASE_URL}, {@code AZURE_OPENAI_ENDPOINT}, {@code OLLAMA_BASE_URL}.
         */
        public Builder setting(String name, String value) {
            settings.put(Objects.requireNonNull(name, "name"), Objects.requireNonNull(value, "value"));
            return this;
        }

        /** Several provider settings at once (e.g. {@code System.getenv()} filtered by the caller). */
        public Builder settings(Map<String, String> values) {
            values.forEach(this::setting);
            return this;
        }

        /** Timeout of one model attempt (default 60 s). */
        public Builder requestTimeout(Duration timeout) {
            this.requestTimeout = Objects.requireNonNull(timeout, "timeout");
            return this;
        }

        /**
         * The most bytes of one reply a provider may send (default 16 MiB); a longer reply fails its call with a
         * {@link dev.idem.port.out.ReplyTooLargeException} instead of filling the heap.
         *
         * @throws IllegalArgumentException if it is not positive
         */
        public Builder maxResponseBytes(long bytes) {
            if (bytes <= 0) {
                throw new IllegalArgumentException("the reply size limit must be positive, got " + bytes);
            }
            this.maxResponseBytes = bytes;
            return this;
        }

        /** The execution store: {@code memory:} (default), {@code sqlite:.idem/store.db}, {@code redis://host:6379/0}. */
        public Builder store(String uri) {
            String text = Objects.requireNonNull(uri, "uri").trim();
            // "memory:" is how people write it, but java.net.URI wants something after the colon
            this.storeUri = storeUri(text.endsWith(":") ? text + "/" : text);
            return this;
        }

        private static URI storeUri(String text) {
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
        public Builder retryPolicy(RetryPolicy policy) {
            this.retryPolicy = Objects.requireNonNull(policy, "policy");
            return this;
        }

        /** Whether identical calls are replayed from the store (default true). */
        public Builder cache(boolean use) {
            this.useCache = use;
            return this;
        }

        /** How long completed calls are kept (default 14 days). */
        public Builder cacheTtl(Duration ttl) {
            this.cacheTtl = Objects.requireNonNull(ttl, "ttl");
            return this;
        }

        /**
         * How long a request the provider rejected is remembered, so that identical calls made at about the same
         * time do not pay for the same rejection (default 10 minutes; zero: never remembered).
         */
        public Builder failureTtl(Duration ttl) {
            this.failureTtl = Objects.requireNonNull(ttl, "ttl");
            return this;
        }

        /** Lease of a claim on a call (default 15 s, renewed by a heartbeat). */
        public Builder lease(Duration lease) {
            this.lease = Objects.requireNonNull(lease, "lease");
            return this;
        }

        /** The clock for leases and TTLs (tests). */
        public Builder clock(Clock clock) {
            this.clock = Objects.requireNonNull(clock, "clock");
            return this;
        }

        /** The jitter source (tests). */
        public Builder random(RandomSource random) {
            this.random = Objects.requireNonNull(random, "random");
            return this;
        }

        /** Uses your own gateway under its {@link ModelGateway#providerId()}, replacing any provider of that id. */
        public Builder gateway(ModelGateway gateway) {
            customGateways.add(Objects.requireNonNull(gateway, "gateway"));
            return this;
        }

        public Idem build() {
            return new Idem(this);
        }
    }

    private static final class FixedGatewayProvider implements ModelGatewayProvider {
        private final ModelGateway gateway;

        FixedGatewayProvider(ModelGateway gateway) {
            this.gateway = gateway;
        }

        @Override
        public String id() {
            return gateway.providerId();
        }

        @Override
        public String description() {
            return "custom gateway " + gateway.getClass().getName();
        }

        @Override
        public List<Setting> settings() {
            return List.of();
        }

        @Override
        public ModelGateway create(GatewaySettings settings) {
            return gateway;
        }
    }

    private static final class Lazy<T> {
        private final Supplier<T> supplier;
        private volatile T value;

        Lazy(Supplier<T> supplier) {
            this.supplier = supplier;
        }

        T get() {
            T v = value;
            if (v == null) {
                synchronized (this) {
                    v = value;
                    if (v == null) {
                        v = supplier.get();
                        value = v;
                    }
                }
            }
            return v;
        }

        boolean isCreated() {
            return value != null;
        }
    }
}
