package dev.idem.adapter.builtin;

import java.util.function.Predicate;

/**
 * The rules that decide whether a conditional bullet of the design applies. Rules, so they live here; the
 * bullets they guard live in {@code knowledge.yaml}, which names a rule by its {@link #yamlName()}.
 */
enum Condition {
    /** Every design gives the bullet. */
    ALWAYS("", r -> true),
    /** A broker, a stream or webhooks are recognised. */
    ASYNCHRONOUS("asynchronous", Recognition::asynchronous),
    /** Flows with several steps whose progress is recorded: payments and batch jobs. */
    MULTI_STEP("multiStep", r -> r.hasAny(Technology.PAYMENTS, Technology.BATCH)),
    /** Retries that can come days later: payments, batch jobs and webhooks. */
    LONG_RETRY_HORIZON("longRetryHorizon", r -> r.hasAny(Technology.PAYMENTS, Technology.BATCH,
            Technology.WEBHOOKS)),
    /** The context names the store that holds the records, rather than the architect choosing one. */
    STORE_NAMED("storeNamed", Recognition::namedStore);

    private final String yamlName;
    private final Predicate<Recognition> rule;

    Condition(String yamlName, Predicate<Recognition> rule) {
        this.yamlName = yamlName;
        this.rule = rule;
    }

    String yamlName() {
        return yamlName;
    }

    boolean holdsFor(Recognition r) {
        return rule.test(r);
    }
}
