package dev.idem.domain.evaluation;

import java.util.Objects;

/**
 * A broken format rule of the flagship prompt.
 *
 * @param rule    the rule's id, {@code FMT-1} to {@code FMT-4}
 * @param details what is wrong and where, in one line
 */
public record FormatViolation(String rule, String details) {
    public FormatViolation {
        Objects.requireNonNull(rule, "rule");
        Objects.requireNonNull(details, "details");
    }

    @Override
    public String toString() {
        return rule + ": " + details;
    }
}
