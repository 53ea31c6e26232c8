package dev.idem.api;

import dev.idem.port.in.DesignIdempotencyUseCase;
import dev.idem.port.in.DesignIdempotencyUseCase.DesignIdempotencyCommand;
import dev.idem.port.in.ExecutionOptions;
import dev.idem.port.in.ModelChoice;
import dev.idem.port.in.RunResult;
import java.util.Objects;

/**
 * The Idempotency and API Retry Strategy Architect: give it a system context and failure scenarios, get an
 * idempotency and retry design in Markdown, or exactly {@code {"error": "unsafe"}} when the request would
 * corrupt data.
 *
 * <pre>{@code
 * try (Idem idem = Idem.builder().build()) {              // built-in offline architect
 *     String design = idem.architect().design(
 *             "REST APIs behind a gateway plus Kafka consumers",
 *             "gateway timeouts and consumer rebalances");
 * }
 * }</pre>
 */
public final class Architect {

    private final DesignIdempotencyUseCase designer;
    private final ModelChoice choice;
    private final ExecutionOptions options;

    Architect(DesignIdempotencyUseCase designer, ModelChoice choice, ExecutionOptions options) {
        this.designer = Objects.requireNonNull(designer, "designer");
        this.choice = choice;
        this.options = options;
    }

    /**
     * The design for an environment.
     *
     * @param systemContext    the distributed systems, protocols and brokers involved
     * @param failureScenarios edge cases, partitions and retry behaviours to handle
     * @return the design, or {@code {"error": "unsafe"}}
     * @throws dev.idem.port.in.ExecutionFailedException if the provider refuses or fails after retries
     */
    public String design(String systemContext, String failureScenarios) {
        return designWithDetails(systemContext, failureScenarios).output();
    }

    /** Like {@link #design}, with the provider, model, token usage and whether the reply was replayed. */
    public RunResult designWithDetails(String systemContext, String failureScenarios) {
        return designer.design(new DesignIdempotencyCommand(systemContext, failureScenarios, choice, options));
    }
}
