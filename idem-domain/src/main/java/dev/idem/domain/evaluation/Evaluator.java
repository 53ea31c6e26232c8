package dev.idem.domain.evaluation;

import dev.idem.domain.spec.TestCase;

/** A named rule that judges a reply to a test row. */
public interface Evaluator {

    /** The name shown in reports. */
    String name();

    /**
     * Judges a reply.
     *
     * @param output   the model's reply
     * @param testCase the row it answers
     */
    Verdict evaluate(String output, TestCase testCase);
}
