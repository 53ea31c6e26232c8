package dev.idem.adapter.builtin;

import dev.idem.adapter.yaml.YamlPromptSpecRepository;
import dev.idem.domain.execution.ModelRequest;
import dev.idem.domain.spec.PromptRenderer;
import dev.idem.domain.spec.PromptSpec;
import dev.idem.domain.template.Role;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Map;

/**
 * The flagship spec's messages as the renderer produces them for the built-in architect. The spec is the one in
 * {@code prompts/idempotency-architect.prompt.yml}, put on the test classpath by the build, so that these tests
 * send what {@code idem design} sends, and notice when the spec's prompt changes under the architect.
 */
final class FlagshipMessages {

    private static final String SPEC_RESOURCE = "idempotency-architect.prompt.yml";
    private static final PromptSpec SPEC = load();

    /** The spec's system prompt: the architect recognises the flagship by it. */
    static final String SYSTEM_PROMPT = SPEC.messages().stream().filter(m -> m.role() == Role.SYSTEM).findFirst()
            .orElseThrow().content();
    /** The first test row's system context. */
    static final String SEED_CONTEXT = SPEC.testCase(1).templateValues().get("system_context");
    /** The first test row's failure scenarios. */
    static final String SEED_SCENARIOS = SPEC.testCase(1).templateValues().get("failure_scenarios");

    private FlagshipMessages() {
    }

    /** The spec rendered with these inputs, for the spec's model. */
    static ModelRequest request(String systemContext, String failureScenarios) {
        return ModelRequest.of(SPEC.model(), PromptRenderer.render(SPEC, Map.of("system_context", systemContext,
                "failure_scenarios", failureScenarios)).messages());
    }

    static ModelRequest seedRequest() {
        return request(SEED_CONTEXT, SEED_SCENARIOS);
    }

    /** The flagship spec itself, with its test rows and evaluators. */
    static PromptSpec spec() {
        return SPEC;
    }

    private static PromptSpec load() {
        try (InputStream in = FlagshipMessages.class.getResourceAsStream(SPEC_RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException(SPEC_RESOURCE + " is not on the test classpath (see the module's pom)");
            }
            return new YamlPromptSpecRepository().parse(SPEC_RESOURCE, in.readAllBytes()).spec();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
