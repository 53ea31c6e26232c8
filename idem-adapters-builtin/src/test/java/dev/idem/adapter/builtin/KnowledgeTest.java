package dev.idem.adapter.builtin;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The knowledge shipped in knowledge.yaml is complete: what the architect's rules can ask for is there. */
class KnowledgeTest {

    private final Knowledge knowledge = KnowledgeReader.readBundled();

    @Test
    void should_give_every_technology_key_and_retry_facts_when_reading_the_shipped_knowledge() {
        // then
        for (Technology t : Technology.values()) {
            assertThat(knowledge.facts(t, Topic.KEY)).as("KEY facts of %s", t).isNotEmpty();
            assertThat(knowledge.facts(t, Topic.RETRY)).as("RETRY facts of %s", t).isNotEmpty();
        }
    }

    @Test
    void should_give_every_failure_mode_a_mitigation_when_reading_the_shipped_knowledge() {
        // then
        for (FailureMode mode : FailureMode.values()) {
            assertThat(knowledge.mitigation(mode)).as("mitigation of %s", mode).isNotNull();
            assertThat(knowledge.mitigation(mode).always()).as("mitigation of %s", mode).isNotEmpty();
        }
    }

    @Test
    void should_say_how_every_store_that_can_hold_the_records_names_expires_and_locks_them() {
        // then
        for (Technology store : Recognition.systemsOfRecord()) {
            assertThat(knowledge.store(store)).as("store text of %s", store).isNotNull();
        }
    }

    @Test
    void should_warn_against_every_anti_pattern_the_issue_names_when_reading_the_shipped_knowledge() {
        // then: the classifier's rules look these up by id
        assertThat(knowledge.safety().antiPatterns()).extracting(Safety.AntiPattern::id).contains(
                "new-key-per-retry", "static-key", "ack-before-processing", "publish-before-commit",
                "client-clock-last-writer-wins", "fail-open", "ttl-shorter-than-retries", "completed-before-effect",
                "write-to-replica", "strip-key-at-gateway", "fire-and-forget-dual-write");
        assertThat(knowledge.safety().antiPatterns()).allSatisfy(a -> {
            assertThat(a.warning()).as(a.id()).contains(":");
            assertThat(a.cues()).as(a.id()).isNotEmpty();
        });
    }

    @Test
    void should_read_the_shipped_knowledge_once_and_share_it() {
        // when
        Knowledge first = Knowledge.bundled();
        Knowledge second = Knowledge.bundled();
        // then
        assertThat(second).isSameAs(first);
        assertThat(first).isEqualTo(knowledge);
    }
}
