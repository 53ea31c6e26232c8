package dev.idem.api;

import dev.idem.domain.spec.PromptSpec;
import dev.idem.port.in.DesignIdempotencyUseCase;
import dev.idem.port.in.EvaluateSpecUseCase;
import dev.idem.port.in.EvaluationResult;
import dev.idem.port.in.ExecutionOptions;
import dev.idem.port.in.InspectStoreUseCase;
import dev.idem.port.in.ListProvidersUseCase;
import dev.idem.port.in.ModelChoice;
import dev.idem.port.in.PurgeStoreUseCase;
import dev.idem.port.in.RenderPromptUseCase;
import dev.idem.port.in.RunPromptUseCase;
import dev.idem.port.in.RunPromptUseCase.RunPromptCommand;
import dev.idem.port.in.RunResult;
import dev.idem.port.in.SpecInput;
import dev.idem.port.in.ValidateSpecUseCase;
import java.nio.file.Path;
import java.util.Map;

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
 * <p>Providers and stores are found with {@link java.util.ServiceLoader}: put {@code idem-adapters-openai},
 * {@code idem-adapters-ollama}, {@code idem-adapters-sqlite} or {@code idem-adapters-redis} on the class path
 * (the built-in offline architect and the in-memory store are always there), or pass your own gateway with
 * {@link IdemBuilder#gateway(dev.idem.port.out.ModelGateway)}. An {@code Idem} is thread-safe; close it to release
 * the store.
 *
 * <p>Everything it offers is a use case ({@code dev.idem.port.in}); how they are wired (stores, gateways, the
 * idempotent executor) is {@link IdemAssembly}'s business and not part of this API.
 */
public final class Idem implements AutoCloseable {

    /** Where the flagship spec lives inside this jar. */
    public static final String FLAGSHIP_RESOURCE = "dev/idem/api/prompts/idempotency-architect.prompt.yml";

    private final IdemAssembly assembly;

    Idem(IdemAssembly assembly) {
        this.assembly = assembly;
    }

    /** A builder with the defaults: built-in provider, in-memory store, default retries, cache on. */
    public static IdemBuilder builder() {
        return new IdemBuilder();
    }

    /** The flagship architect on the configured provider. */
    public Architect architect() {
        return new Architect(designer(), choice(), options());
    }

    /**
     * Runs a spec file once.
     *
     * @throws dev.idem.domain.spec.InvalidSpecException if it is not a valid spec
     * @throws dev.idem.domain.template.InvalidInputException if a value is missing
     * @throws dev.idem.port.in.ExecutionFailedException if the provider refuses or fails after retries
     */
    public RunResult run(Path spec, Map<String, String> values) {
        return runner().run(new RunPromptCommand(SpecInput.file(spec), values, choice(), options()));
    }

    /** Runs a spec in hand once. */
    public RunResult run(PromptSpec spec, Map<String, String> values) {
        return runner().run(new RunPromptCommand(SpecInput.of(spec), values, choice(), options()));
    }

    /** Evaluates a spec file's test rows with the defaults of {@link #evaluation(Path)}: 4 cases in flight. */
    public EvaluationResult evaluate(Path spec) {
        return evaluation(spec).run();
    }

    /** An evaluation of a spec file's test rows, to set up (concurrency, repeat, filter, judge, reports...) and run. */
    public Evaluation evaluation(Path spec) {
        return new Evaluation(evaluator(), SpecInput.file(spec), choice(), options());
    }

    /** An evaluation of a spec in hand, e.g. {@link #flagship()}, to set up and run. */
    public Evaluation evaluation(PromptSpec spec) {
        return new Evaluation(evaluator(), SpecInput.of(spec), choice(), options());
    }

    /** Lints spec files. */
    public ValidateSpecUseCase validator() {
        return assembly.validator();
    }

    /** Renders spec messages. */
    public RenderPromptUseCase renderer() {
        return assembly.renderer();
    }

    /** Runs specs. */
    public RunPromptUseCase runner() {
        return assembly.runner();
    }

    /** The flagship shortcut. */
    public DesignIdempotencyUseCase designer() {
        return assembly.designer();
    }

    /**
     * Evaluates specs. A spec's {@code python} evaluators run only when the command allows code
     * ({@code EvaluatorPolicy}), through the code runner found on the class path ({@code idem-adapters-python}).
     */
    public EvaluateSpecUseCase evaluator() {
        return assembly.evaluator();
    }

    /** Shows what the execution store holds (opening it on first use). */
    public InspectStoreUseCase storeInspector() {
        return assembly.storeInspector();
    }

    /** Deletes expired (or all) records of the execution store (opening it on first use). */
    public PurgeStoreUseCase storePurger() {
        return assembly.storePurger();
    }

    /** Lists the model providers, whether each is configured and what each setting lacks. */
    public ListProvidersUseCase providerLister() {
        return assembly.providerLister();
    }

    /** The provider and model chosen at build time. */
    public ModelChoice choice() {
        return assembly.choice();
    }

    /** Retry and cache options chosen at build time. */
    public ExecutionOptions options() {
        return assembly.options();
    }

    /** The flagship spec bundled with idem. */
    public PromptSpec flagship() {
        return assembly.flagship();
    }

    /**
     * Gives back the claims held on calls still in flight, so that other runs sharing the store need not wait for
     * their leases to run out (for a process that is being stopped). Safe to call from any thread, at any time.
     *
     * @return how many claims were given back
     */
    public int releaseHeldClaims() {
        return assembly.releaseHeldClaims();
    }

    /** Gives back held claims, records the run's figures in the store and closes it. */
    @Override
    public void close() {
        assembly.close();
    }
}
