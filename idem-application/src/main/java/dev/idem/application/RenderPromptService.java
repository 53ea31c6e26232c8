package dev.idem.application;

import dev.idem.domain.spec.PromptRenderer;
import dev.idem.domain.spec.PromptSpec;
import dev.idem.domain.spec.SpecIssue;
import dev.idem.domain.template.InvalidInputException;
import dev.idem.domain.template.RenderedPrompt;
import dev.idem.port.in.RenderPromptUseCase;
import dev.idem.port.out.PromptSpecRepository.LoadedSpec;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Collectors;

/** Renders a spec's messages with a test row's values, overridden by values given explicitly. */
public final class RenderPromptService implements RenderPromptUseCase {

    private final SpecResolver specs;

    public RenderPromptService(SpecResolver specs) {
        this.specs = Objects.requireNonNull(specs, "specs");
    }

    @Override
    public RenderResult render(RenderPromptCommand command) {
        LoadedSpec loaded = specs.resolve(command.spec());
        PromptSpec spec = loaded.spec();
        PromptRenderer.requireKnown(spec, command.values().keySet());
        Map<String, String> values = new LinkedHashMap<>();
        if (command.testCase().isPresent()) {
            int n = command.testCase().get();
            if (n < 1 || n > spec.testData().size()) {
                throw new InvalidInputException("testCase", "no test case " + n + " in " + spec.source().name()
                        + " (it has " + spec.testData().size() + ")");
            }
            List<SpecIssue> unusable = loaded.rowErrors(n);
            if (!unusable.isEmpty()) {
                throw new InvalidInputException("--case", "test case " + n + " is invalid: "
                        + unusable.stream().map(SpecIssue::toString).collect(Collectors.joining("; ")));
            }
            values.putAll(spec.testCase(n).variables());
        }
        values.putAll(command.values());
        RenderedPrompt prompt = PromptRenderer.render(spec, values);
        return new RenderResult(spec, prompt, loaded.warnings());
    }
}
