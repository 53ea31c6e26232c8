package dev.idem.port.in;

import dev.idem.domain.execution.Completion;
import dev.idem.domain.execution.Fingerprint;
import dev.idem.domain.spec.SpecIssue;
import java.util.List;
import java.util.Objects;

/**
 * The reply of one model call and how it was had.
 *
 * @param output      the reply text
 * @param provider    provider id used
 * @param model       model asked for
 * @param answerKind  how the provider's answers are described ("LLM", "rule-based reference design (no LLM)")
 * @param completion  the completion (model as answered, usage, latency, finish reason)
 * @param fingerprint the call's identity in the execution store
 * @param replayed    whether the reply came from the store, without a model call
 * @param attempts    model attempts made (0 when replayed)
 * @param notices     things the user should know: neutralised delimiters, parameters the provider ignored
 * @param warnings    spec warnings
 */
public record RunResult(String output, String provider, String model, String answerKind, Completion completion,
                        Fingerprint fingerprint, boolean replayed, int attempts, List<String> notices,
                        List<SpecIssue> warnings) {
    public RunResult {
        Objects.requireNonNull(output, "output");
        notices = List.copyOf(notices);
        warnings = List.copyOf(warnings);
    }
}
