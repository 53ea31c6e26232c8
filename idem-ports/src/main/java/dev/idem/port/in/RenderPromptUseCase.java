package dev.idem.port.in;

import dev.idem.domain.spec.PromptSpec;
import dev.idem.domain.spec.SpecIssue;
import dev.idem.domain.template.RenderedPrompt;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Shows the messages a spec would send, filled with given values or a test row's. */
public interface RenderPromptUseCase {

    /**
     * Renders.
     *
     * @throws dev.idem.domain.spec.InvalidSpecException if the spec is invalid
     * @throws dev.idem.domain.template.InvalidInputException if a value is missing or the case does not exist
     */
    RenderResult render(RenderPromptCommand command);

    /**
     * What to render.
     *
     * @param spec     the spec
     * @param values   values given on the command line; they override the test row's
     * @param testCase 1-based test row whose values to use, if any
     */
    record RenderPromptCommand(SpecInput spec, Map<String, String> values, Optional<Integer> testCase) {
        /**
         * @throws InvalidCommandException if the spec or the values are missing (a row the spec does not have is the
         *                                 service's to refuse: it knows how many there are)
         */
        public RenderPromptCommand {
            InvalidCommandException.required(spec, "spec");
            values = Map.copyOf(InvalidCommandException.required(values, "values"));
            testCase = testCase == null ? Optional.empty() : testCase;
        }
    }

    /**
     * The rendered messages.
     *
     * @param spec     the spec
     * @param prompt   messages and notices (neutralised delimiters)
     * @param warnings spec warnings
     */
    record RenderResult(PromptSpec spec, RenderedPrompt prompt, List<SpecIssue> warnings) {
        public RenderResult {
            warnings = List.copyOf(warnings);
        }
    }
}
