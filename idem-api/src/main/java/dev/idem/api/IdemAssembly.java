package dev.idem.api;

import dev.idem.adapter.json.JsonRubricRepository;
import dev.idem.adapter.json.JsonSchemaValidator;
import dev.idem.adapter.yaml.YamlPromptSpecRepository;
import dev.idem.application.DesignIdempotencyService;
import dev.idem.application.EvaluateSpecService;
import dev.idem.application.EvaluatorFactory;
import dev.idem.application.ExecutionStores;
import dev.idem.application.IdempotentExecutor;
import dev.idem.application.InspectStoreService;
import dev.idem.application.ListProvidersService;
import dev.idem.application.ModelGateways;
import dev.idem.application.Providers;
import dev.idem.application.PurgeStoreService;
import dev.idem.application.RenderPromptService;
import dev.idem.application.RunPromptService;
import dev.idem.application.Sleeper;
import dev.idem.application.SpecResolver;
import dev.idem.application.ValidateSpecService;
import dev.idem.domain.evaluation.RegexBudget;
import dev.idem.domain.execution.RandomSource;
import dev.idem.domain.spec.PromptSpec;
import dev.idem.port.in.DesignIdempotencyUseCase;
import dev.idem.port.in.EvaluateSpecUseCase;
import dev.idem.port.in.ExecutionOptions;
import dev.idem.port.in.InspectStoreUseCase;
import dev.idem.port.in.ListProvidersUseCase;
import dev.idem.port.in.ModelAttempt;
import dev.idem.port.in.ModelChoice;
import dev.idem.port.in.PurgeStoreUseCase;
import dev.idem.port.in.RenderPromptUseCase;
import dev.idem.port.in.RunPromptUseCase;
import dev.idem.port.in.ValidateSpecUseCase;
import dev.idem.port.in.Vocabulary;
import dev.idem.port.out.CodeGateway;
import dev.idem.port.out.ExecutionStore;
import dev.idem.port.out.ExecutionStoreProvider;
import dev.idem.port.out.GatewaySettings;
import dev.idem.port.out.ModelGateway;
import dev.idem.port.out.ModelGatewayProvider;
import dev.idem.port.out.ReportWriter;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Consumer;

/**
 * The wiring behind an {@link Idem}: the providers found on the class path (and the embedder's own gateways), the
 * execution store and the idempotent executor, opened on first use, the bundled flagship spec, and the application
 * services built on them. {@link Idem} is the facade over it; nothing here is public.
 */
final class IdemAssembly {

    private static final ClassLoader LOADER = Idem.class.getClassLoader();
    private static final String DEFAULT_PROVIDER = "builtin";
    private static final String DEFAULT_STORE = "memory:";

    private final ModelChoice choice;
    private final ExecutionOptions options;
    private final ModelGateways gateways;
    private final YamlPromptSpecRepository repository = new YamlPromptSpecRepository();
    private final SpecResolver specs = new SpecResolver(repository);
    private final ExecutionStores stores;
    private final Lazy<Providers<ReportWriter>> reportWriters;
    private final Lazy<Providers<CodeGateway>> codeRunners;
    private final Lazy<ExecutionStore> store;
    private final Lazy<IdempotentExecutor> executor;
    private final Lazy<PromptSpec> flagship;
    private final Clock clock;
    private final Vocabulary words;

    /**
     * @param b       what the embedder (or the CLI) set
     * @param sources where what it did not set comes from: the environment, then the defaults
     */
    IdemAssembly(IdemBuilder b, SettingSources sources) {
        this.choice = new ModelChoice(first(b.provider, sources.get(IdemBuilder.PROVIDER)).orElse(DEFAULT_PROVIDER),
                first(b.model, sources.get(IdemBuilder.MODEL)));
        this.options = new ExecutionOptions(b.retryPolicy, b.useCache, b.cacheTtl, b.failureTtl);
        this.clock = b.clock;
        this.words = b.vocabulary != null ? b.vocabulary : Vocabulary.java(sources.readsEnvironment());
        List<ModelGatewayProvider> providers = new ArrayList<>(Providers.discover(ModelGatewayProvider.class, LOADER));
        for (ModelGateway custom : b.customGateways) {
            providers.removeIf(p -> p.id().equals(custom.providerId()));
            providers.add(new CustomGatewayProvider(custom));
        }
        long maxResponseBytes = b.maxResponseBytes != null ? b.maxResponseBytes
                : sources.get(IdemBuilder.MAX_RESPONSE_BYTES)
                        .map(size -> ByteSizes.parse(IdemBuilder.MAX_RESPONSE_BYTES, size))
                        .orElse(GatewaySettings.DEFAULT_MAX_RESPONSE_BYTES);
        this.gateways = new ModelGateways(providers, new GatewaySettings(settings(b, sources, providers),
                b.requestTimeout, maxResponseBytes, words));
        this.stores = new ExecutionStores(Providers.discover(ExecutionStoreProvider.class, LOADER));
        // Only an evaluation writes reports or runs code: the writers (a JSON mapper, an XML factory) and the code
        // runners are made for the first one, so that a design or a validation never loads them. A code runner runs
        // nothing until an evaluation allows code.
        this.reportWriters = new Lazy<>(() -> Providers.load(ReportWriter.class, LOADER, "report format",
                w -> List.of(w.format())));
        this.codeRunners = new Lazy<>(() -> Providers.load(CodeGateway.class, LOADER, EvaluatorFactory.CODE_RUNNER,
                g -> List.of(g.language())));
        URI storeUri = b.storeUri != null ? b.storeUri
                : IdemBuilder.storeUri(sources.get(IdemBuilder.STORE).orElse(DEFAULT_STORE));
        Vocabulary storeWords = words;
        this.store = new Lazy<>(() -> stores.open(storeUri, clock, storeWords));
        Duration lease = b.lease;
        RandomSource random = b.random;
        Vocabulary vocabulary = words;
        Consumer<ModelAttempt> log = b.requestLog;
        // the owner name costs a host-name lookup: only commands that call models pay for it
        this.executor = new Lazy<>(() -> new IdempotentExecutor(store.get(), clock, random, Sleeper.system(),
                ownerId(), lease, vocabulary, log));
        this.flagship = new Lazy<>(this::loadFlagship);
    }

    /** The settings some provider declares, from the sources, then those set one by one (which win). */
    private static Map<String, String> settings(IdemBuilder b, SettingSources sources,
                                                List<ModelGatewayProvider> providers) {
        Map<String, String> settings = new HashMap<>();
        for (ModelGatewayProvider p : providers) {
            for (ModelGatewayProvider.Setting s : p.settings()) {
                sources.get(s.name()).ifPresent(value -> settings.put(s.name(), value));
            }
        }
        settings.putAll(b.settings);
        return settings;
    }

    private static Optional<String> first(String set, Optional<String> otherwise) {
        return set != null && !set.isBlank() ? Optional.of(set) : otherwise;
    }

    ModelChoice choice() {
        return choice;
    }

    ExecutionOptions options() {
        return options;
    }

    PromptSpec flagship() {
        return flagship.get();
    }

    ValidateSpecUseCase validator() {
        return new ValidateSpecService(repository, words);
    }

    RenderPromptUseCase renderer() {
        return new RenderPromptService(specs);
    }

    RunPromptUseCase runner() {
        gateways.prepare(choice.provider());
        return new RunPromptService(specs, gateways, executor.get());
    }

    DesignIdempotencyUseCase designer() {
        gateways.prepare(choice.provider());
        return new DesignIdempotencyService(flagship.get(), runner());
    }

    EvaluateSpecUseCase evaluator() {
        gateways.prepare(choice.provider());
        return new EvaluateSpecService(specs, gateways, executor.get(),
                new EvaluatorFactory(new JsonRubricRepository(), new JsonSchemaValidator(),
                        RegexBudget.of(clock), codeRunners.get(), words), reportWriters.get(), clock);
    }

    InspectStoreUseCase storeInspector() {
        return new InspectStoreService(store.get());
    }

    PurgeStoreUseCase storePurger() {
        return new PurgeStoreService(store.get());
    }

    ListProvidersUseCase providerLister() {
        return new ListProvidersService(gateways);
    }

    int releaseHeldClaims() {
        return executor.isCreated() ? executor.get().releaseHeldClaims() : 0;
    }

    void close() {
        if (executor.isCreated()) {
            executor.get().close();
        }
        if (store.isCreated()) {
            store.get().close();
        }
    }

    private PromptSpec loadFlagship() {
        try (InputStream in = LOADER.getResourceAsStream(Idem.FLAGSHIP_RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("the flagship spec is missing from the idem-api jar: "
                        + Idem.FLAGSHIP_RESOURCE);
            }
            return repository.parse("idempotency-architect.prompt.yml (bundled)", in.readAllBytes()).spec();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the bundled flagship spec", e);
        }
    }

    private static String ownerId() {
        String host;
        try {
            host = InetAddress.getLocalHost().getHostName();
        } catch (IOException e) {
            host = "localhost";
        }
        return host + ":" + ProcessHandle.current().pid() + ":" + UUID.randomUUID().toString().substring(0, 8);
    }
}
