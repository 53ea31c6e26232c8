package dev.idem.port.in;

import java.util.Map;

/** Runs a spec once with given values and returns the model's reply. */
public interface RunPromptUseCase {

    /**
     * Runs.
     *
     * @throws dev.idem.domain.spec.InvalidSpecException if the spec is invalid
     * @throws dev.idem.domain.template.InvalidInputException if a value is missing
     * @throws ExecutionFailedException if the provider refuses the call or fails after retries (the cause
     *                                  is the provider-neutral {@link dev.idem.port.out.ModelGatewayException})
     * @throws dev.idem.port.out.StoreUnavailableException if the execution store fails
     */
    RunResult run(RunPromptCommand command);

    /**
     * What to run.
     *
     * @param spec    the spec
     * @param values  placeholder values
     * @param choice  provider and model
     * @param options retries and caching
     */
    record RunPromptCommand(SpecInput spec, Map<String, String> values, ModelChoice choice,
                            ExecutionOptions options) {
        /** @throws InvalidCommandException if a field is missing */
        public RunPromptCommand {
            InvalidCommandException.required(spec, "spec");
            values = Map.copyOf(InvalidCommandException.required(values, "values"));
            InvalidCommandException.required(choice, "choice");
            InvalidCommandException.required(options, "options");
        }
    }
}
