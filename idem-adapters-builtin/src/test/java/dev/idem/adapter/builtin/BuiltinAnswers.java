package dev.idem.adapter.builtin;

import dev.idem.domain.execution.Completion;

/** The built-in architect's answer to the flagship spec rendered with given inputs, as the refusal tests ask for it. */
final class BuiltinAnswers {

    /**
     * The form of a refusal's reason since round 7: the learned model or a rule, the model's score against its
     * threshold, then what the request asks for and where.
     */
    static final String REFUSAL_REASON = "refused as unsafe \\((signal word-evidence|rule [a-z -]+),"
            + " score -?\\d+\\.\\d\\d over -?\\d+\\.\\d\\d\\): .+";

    private static final BuiltinArchitectGateway GATEWAY = new BuiltinArchitectGateway();

    private BuiltinAnswers() {
    }

    /** The answer to the flagship with this system context and these failure scenarios. */
    static Completion answer(String systemContext, String failureScenarios) {
        return GATEWAY.complete(FlagshipMessages.request(systemContext, failureScenarios));
    }
}
