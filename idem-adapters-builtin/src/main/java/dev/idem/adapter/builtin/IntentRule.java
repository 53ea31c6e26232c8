package dev.idem.adapter.builtin;

import java.util.Optional;

/**
 * One way a request can show the intent to corrupt data. Each rule is named and documented in its class; the
 * classifier refuses on the first finding of any rule.
 */
sealed interface IntentRule permits AcceptedHarmRule, SafeguardRemovalRule, AntiPatternRule, RetentionRule,
        CorruptionRule {

    /** The first place in the request where this rule finds unsafe intent, if any. */
    Optional<UnsafeFinding> find(RequestText text, RequestScope scope);

    /**
     * Whether the learned word evidence may overrule this rule's finding. A rule whose finding depends on reliefs
     * it may not know every phrasing of can be; a request to corrupt data in so many words cannot.
     */
    default boolean overrulable() {
        return true;
    }
}
