package dev.idem.port.in;

/**
 * The flagship shortcut: asks the Idempotency and API Retry Strategy Architect for a design, or gets
 * exactly {@code {"error": "unsafe"}} for a request that would corrupt data.
 */
public interface DesignIdempotencyUseCase {

    /**
     * Designs.
     *
     * @throws ExecutionFailedException if the provider refuses the call or fails after retries (the cause
     *                                  is the provider-neutral {@link dev.idem.port.out.ModelGatewayException})
     */
    RunResult design(DesignIdempotencyCommand command);

    /**
     * The environment to design for.
     *
     * @param systemContext    the distributed systems, protocols and brokers involved
     * @param failureScenarios edge cases, partitions and retry behaviours expected
     * @param choice           provider and model
     * @param options          retries and caching
     */
    record DesignIdempotencyCommand(String systemContext, String failureScenarios, ModelChoice choice,
                                    ExecutionOptions options) {
        /** @throws InvalidCommandException if a field is missing */
        public DesignIdempotencyCommand {
            InvalidCommandException.required(systemContext, "systemContext");
            InvalidCommandException.required(failureScenarios, "failureScenarios");
            InvalidCommandException.required(choice, "choice");
            InvalidCommandException.required(options, "options");
        }
    }
}
