package dev.idem.application;

import dev.idem.domain.execution.ModelRequest;
import dev.idem.domain.spec.PromptRenderer;
import dev.idem.domain.spec.PromptSpec;
import dev.idem.domain.template.RenderedPrompt;
import dev.idem.port.in.ModelChoice;
import dev.idem.port.in.RunPromptUseCase;
import dev.idem.port.in.RunResult;
import dev.idem.port.out.ModelGateway;
import dev.idem.port.out.PromptSpecRepository.LoadedSpec;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/** Renders a spec with the given values and makes one idempotent model call. */
public final class RunPromptService implements RunPromptUseCase {

    private final SpecResolver specs;
    private final ModelGateways gateways;
    private final IdempotentExecutor executor;

    public RunPromptService(SpecResolver specs, ModelGateways gateways, IdempotentExecutor executor) {
        this.specs = Objects.requireNonNull(specs, "specs");
        this.gateways = Objects.requireNonNull(gateways, "gateways");
        this.executor = Objects.requireNonNull(executor, "executor");
    }

    @Override
    public RunResult run(RunPromptCommand command) {
        LoadedSpec loaded = specs.resolve(command.spec());
        PromptSpec spec = loaded.spec();
        PromptRenderer.requireKnown(spec, command.values().keySet());
        RenderedPrompt prompt = PromptRenderer.render(spec, command.values());
        ModelGateway gateway = gateways.gateway(command.choice().provider());
        ModelRequest request = requestFor(spec, prompt, command.choice());
        List<String> notices = new ArrayList<>(prompt.notices());
        for (String parameter : gateway.unsupportedParameters(request)) {
            notices.add("provider '" + gateway.providerId() + "' cannot take the spec parameter '" + parameter
                    + "'; it was left out of the request");
        }
        Execution execution = executor.execute(gateway, request, 0, command.options());
        return new RunResult(execution.completion().text(), gateway.providerId(), shownModel(gateway, request.model()),
                gateway.answerKind(), execution.completion(), execution.fingerprint(), execution.replayed(),
                execution.attempts(), notices, loaded.warnings());
    }

    /** The model shown as asked: none for a gateway that answers whatever model is named. */
    static String shownModel(ModelGateway gateway, String model) {
        return gateway.takesModel() ? model : "";
    }

    /** The request a rendered spec makes: the chosen model, else the spec's. */
    static ModelRequest requestFor(PromptSpec spec, RenderedPrompt prompt, ModelChoice choice) {
        String model = choice.model().orElse(spec.model());
        return new ModelRequest(model, prompt.messages(), spec.parameters(), spec.responseFormat(),
                spec.jsonSchema());
    }
}
