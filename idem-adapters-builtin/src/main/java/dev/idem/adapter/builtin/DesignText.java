package dev.idem.adapter.builtin;

import java.util.List;
import java.util.Optional;

/**
 * The fixed text of the reference design, section by section, as {@code knowledge.yaml} gives it. Texts may
 * hold placeholders that the architect fills in from the recognised stack ({@code {store.name}} and the like).
 *
 * @param keys         idempotency key generation and lifecycle
 * @param stateMachine the idempotency record state machine
 * @param storage      storage and transactional boundaries
 * @param concurrency  concurrency control and locking
 * @param ttl          the TTL policy
 * @param retry        the retry policy
 * @param failureModes the failure modes and mitigations
 */
record DesignText(SectionText keys, SectionText stateMachine, SectionText storage, SectionText concurrency,
                  SectionText ttl, SectionText retry, FailureModesText failureModes) {

    /**
     * A section's heading and its own bullets; the facts of its topic follow them.
     *
     * @param heading the heading, without Markdown
     * @param bullets the bullets, in order
     */
    record SectionText(String heading, List<BulletText> bullets) {

        SectionText {
            bullets = List.copyOf(bullets);
        }
    }

    /**
     * A bullet given when its condition holds, else its {@code otherwise} text if it has one.
     *
     * @param condition the rule that decides
     * @param text      the text when it holds
     * @param otherwise the text when it does not
     */
    record BulletText(Condition condition, String text, Optional<String> otherwise) {

        Optional<String> textFor(Recognition r) {
            return condition.holdsFor(r) ? Optional.of(text) : otherwise;
        }
    }

    /**
     * A title over nested bullets.
     *
     * @param title   the title, printed in bold
     * @param bullets the nested bullets
     */
    record GroupText(String title, List<BulletText> bullets) {

        GroupText {
            bullets = List.copyOf(bullets);
        }
    }

    /**
     * The failure-mode section's own text; each failure mode's lines are its {@link Mitigation}.
     *
     * @param heading        the heading
     * @param statedScenario the group for a stated scenario that names no known failure mode (its title quotes
     *                       the scenario in place of {@code {scenario}})
     * @param specifics      the title over a technology's pitfalls ({@code {technology}} is its name)
     * @param observability  the closing group
     */
    record FailureModesText(String heading, GroupText statedScenario, String specifics, GroupText observability) {
    }
}
