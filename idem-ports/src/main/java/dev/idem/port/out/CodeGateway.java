package dev.idem.port.out;

import dev.idem.domain.evaluation.Verdict;
import java.util.Map;
import java.util.Optional;

/**
 * Runs the code of a spec's {@code python} evaluator outside the JVM, on one reply. The reply and the row's values
 * reach the code as data, never spliced into it; the code runs with a time limit and without a shell. It runs only
 * when the user allowed code to run ({@code --allow-code}): the caller checks that, not the gateway.
 */
public interface CodeGateway {

    /** The language whose code this gateway runs, as specs name it: {@code python}. */
    String language();

    /** Why code cannot run here (no interpreter found, ...), or empty when it can. */
    Optional<String> unavailable();

    /**
     * Runs the code on one reply.
     *
     * @param code   the evaluator's code, as written in the spec
     * @param output the model's reply
     * @param values the row's values (its variables and {@code expected})
     * @return passed when the code's value is truthy; failed, with the reason, when it is falsy, raises, or runs
     *         out of time
     */
    Verdict run(String code, String output, Map<String, String> values);
}
