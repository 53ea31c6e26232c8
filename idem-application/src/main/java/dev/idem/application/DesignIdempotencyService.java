package dev.idem.application;

import dev.idem.domain.spec.PromptSpec;
import dev.idem.port.in.DesignIdempotencyUseCase;
import dev.idem.port.in.RunPromptUseCase;
import dev.idem.port.in.RunPromptUseCase.RunPromptCommand;
import dev.idem.port.in.RunResult;
import dev.idem.port.in.SpecInput;
import java.util.Map;
import java.util.Objects;

/** Runs the bundled flagship spec with a system context and failure scenarios. */
public final class DesignIdempotencyService implements DesignIdempotencyUseCase {

    private final PromptSpec architect;
    private final RunPromptUseCase runner;

    /**
     * @param architect the flagship spec (bundled with idem)
     * @param runner    runs it
     */
    public DesignIdempotencyService(PromptSpec architect, RunPromptUseCase runner) {
        this.architect = Objects.requireNonNull(architect, "architect");
        this.runner = Objects.requireNonNull(runner, "runner");
    }

    @Override
    public RunResult design(DesignIdempotencyCommand command) {
        return runner.run(new RunPromptCommand(SpecInput.of(architect),
                Map.of("system_context", command.systemContext(), "failure_scenarios", command.failureScenarios()),
                command.choice(), command.options()));
    }
}
