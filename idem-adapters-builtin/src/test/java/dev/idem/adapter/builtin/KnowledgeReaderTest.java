package dev.idem.adapter.builtin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.EnumSet;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The reader of knowledge.yaml is strict: a slip fails with the source and the path, never a silent loss. */
class KnowledgeReaderTest {

    private static final String EMPTY_REST = """
            stores: {}
            design: {}
            safety: {}
            """;

    @Test
    void should_reject_an_unknown_technology_naming_the_source_and_the_path() {
        // given
        String yaml = """
                facts:
                  KAFKAA:
                    KEY: ["Kafka: an event_id header"]
                mitigations: {}
                """ + EMPTY_REST;
        // when / then
        assertThatThrownBy(() -> KnowledgeReader.read("test.yaml", yaml)).isInstanceOf(IllegalStateException.class)
                .hasMessageStartingWith("test.yaml: facts.KAFKAA: unknown technology 'KAFKAA' (known: HTTP_API,")
                .hasMessageContaining("KAFKA, RABBITMQ");
    }

    @Test
    void should_reject_an_unknown_technology_in_a_group_of_technologies() {
        // given
        String yaml = """
                facts: {}
                mitigations:
                  VISIBILITY_TIMEOUT:
                    always: ["The inbox claim makes the second run a no-op"]
                    when:
                      SQS_FIFO, SQS_STANDART: ["SQS: ChangeMessageVisibility heartbeats"]
                """ + EMPTY_REST;
        // when / then
        assertThatThrownBy(() -> KnowledgeReader.read("test.yaml", yaml))
                .hasMessageStartingWith("test.yaml: mitigations.VISIBILITY_TIMEOUT.when.SQS_FIFO, SQS_STANDART:"
                        + " unknown technology 'SQS_STANDART'");
    }

    @Test
    void should_reject_an_unknown_key_naming_the_keys_it_expects() {
        // given
        String yaml = """
                facts: {}
                mitigations:
                  CLOCK_SKEW:
                    always: ["Lease arithmetic uses the store's clock"]
                    unless:
                      KAFKA: ["Kafka: something"]
                """ + EMPTY_REST;
        // when / then
        assertThatThrownBy(() -> KnowledgeReader.read("test.yaml", yaml))
                .hasMessage("test.yaml: mitigations.CLOCK_SKEW.unless: unknown key 'unless' (expected: always, when,"
                        + " otherwise)");
    }

    @Test
    void should_reject_a_file_without_one_of_its_sections() {
        // given
        String yaml = """
                facts: {}
                mitigations: {}
                stores: {}
                """;
        // when / then
        assertThatThrownBy(() -> KnowledgeReader.read("test.yaml", yaml))
                .hasMessage("test.yaml: top level: missing 'design'");
    }

    @Test
    void should_reject_a_duplicate_key_instead_of_keeping_the_last() {
        // given
        String yaml = """
                facts:
                  KAFKA:
                    KEY: ["first"]
                    KEY: ["second"]
                mitigations: {}
                """ + EMPTY_REST;
        // when / then
        assertThatThrownBy(() -> KnowledgeReader.read("test.yaml", yaml))
                .hasMessageStartingWith("test.yaml: not valid YAML at line 4").hasMessageContaining("KEY");
    }

    @Test
    void should_reject_a_text_that_is_not_text() {
        // given
        String yaml = """
                facts:
                  KAFKA:
                    KEY: ["an event_id header", 300000]
                mitigations: {}
                """ + EMPTY_REST;
        // when / then
        assertThatThrownBy(() -> KnowledgeReader.read("test.yaml", yaml))
                .hasMessage("test.yaml: facts.KAFKA.KEY[1]: expected a text, found a number");
    }

    @Test
    void should_read_a_complete_file_and_refine_a_mitigation_by_the_technologies_recognised() {
        // given
        String yaml = complete().replace("    always: [\"CONSUMER_REBALANCE line\"]\n", """
                always: ["An inbox absorbs redeliveries"]
                when:
                  KAFKA: ["Kafka: commit in onPartitionsRevoked"]
                  KINESIS, EVENT_HUBS: ["Checkpoint after the effects committed"]
                otherwise:
                  KAFKA: ["Commit offsets or acks after the effect's transaction"]
                """.indent(4));
        // when
        Mitigation rebalance = KnowledgeReader.read("test.yaml", yaml).mitigation(FailureMode.CONSUMER_REBALANCE);
        // then
        assertThat(rebalance.linesFor(recognising(Technology.KAFKA)))
                .containsExactly("An inbox absorbs redeliveries", "Kafka: commit in onPartitionsRevoked");
        assertThat(rebalance.linesFor(recognising(Technology.EVENT_HUBS))).containsExactly(
                "An inbox absorbs redeliveries", "Commit offsets or acks after the effect's transaction",
                "Checkpoint after the effects committed");
    }

    @Test
    void should_reject_a_technology_without_retry_facts() {
        // given
        String yaml = complete().replace("  KAFKA:\n    KEY: [\"KAFKA key\"]\n    RETRY: []\n",
                "  KAFKA:\n    KEY: [\"KAFKA key\"]\n");
        // when / then
        assertThatThrownBy(() -> KnowledgeReader.read("test.yaml", yaml))
                .hasMessageStartingWith("test.yaml: facts.KAFKA: every technology has RETRY facts");
    }

    @Test
    void should_reject_a_file_that_leaves_out_a_failure_mode() {
        // given
        String yaml = complete().replace("  CLOCK_SKEW:\n    always: [\"CLOCK_SKEW line\"]\n", "");
        // when / then
        assertThatThrownBy(() -> KnowledgeReader.read("test.yaml", yaml))
                .hasMessage("test.yaml: mitigations: missing failure modes: CLOCK_SKEW");
    }

    @Test
    void should_reject_an_unknown_rule_or_placeholder_in_a_design_bullet() {
        // given
        String rule = complete().replace("- \"keys bullet\"", "- asynchronus: \"Messages carry an event ID\"");
        String placeholder = complete().replace("- \"keys bullet\"", "- \"The store is {store.nmae}\"");
        // when / then
        assertThatThrownBy(() -> KnowledgeReader.read("test.yaml", rule))
                .hasMessageStartingWith("test.yaml: design.keys.bullets[0].asynchronus: unknown rule 'asynchronus'"
                        + " (known: asynchronous, multiStep, longRetryHorizon, storeNamed)");
        assertThatThrownBy(() -> KnowledgeReader.read("test.yaml", placeholder))
                .hasMessage("test.yaml: design.keys.bullets[0]: unknown placeholder {store.nmae} (known here:"
                        + " {store.expiry}, {store.lock}, {store.name})");
    }

    @Test
    void should_read_the_safeguards_and_anti_patterns_of_the_safety_section() {
        // when
        Safety safety = KnowledgeReader.read("test.yaml", complete()).safety();
        // then
        assertThat(safety.safeguards()).containsExactly(new Safety.Safeguard("deduplication", "deduplication",
                List.of("dedup\\w*"), List.of("deduplication")));
        assertThat(safety.antiPatterns()).containsExactly(new Safety.AntiPattern("new-key-per-retry",
                "A new key per retry defeats deduplication", List.of("new key per retry")));
    }

    @Test
    void should_reject_a_cue_that_is_not_a_regular_expression() {
        // given
        String yaml = complete().replace("cues: ['new key per retry']", "cues: ['new (key per retry']");
        // when / then
        assertThatThrownBy(() -> KnowledgeReader.read("test.yaml", yaml))
                .hasMessageStartingWith("test.yaml: safety.antiPatterns.new-key-per-retry.cues[0]: not a valid"
                        + " regular expression: Unclosed group");
    }

    @Test
    void should_reject_a_replacement_that_names_no_safeguard() {
        // given
        String yaml = complete().replace("replaceableBy: [deduplication]", "replaceableBy: [dedupe]");
        // when / then
        assertThatThrownBy(() -> KnowledgeReader.read("test.yaml", yaml))
                .hasMessage("test.yaml: safety.safeguards.deduplication.replaceableBy[0]: unknown safeguard 'dedupe'"
                        + " (known: deduplication)");
    }

    /** The smallest file the reader accepts: one line wherever one is required. */
    private static String complete() {
        StringBuilder yaml = new StringBuilder("facts:\n");
        for (Technology t : Technology.values()) {
            yaml.append("  ").append(t).append(":\n    KEY: [\"").append(t).append(" key\"]\n    RETRY: []\n");
        }
        yaml.append("mitigations:\n");
        for (FailureMode m : FailureMode.values()) {
            yaml.append("  ").append(m).append(":\n    always: [\"").append(m).append(" line\"]\n");
        }
        yaml.append("stores:\n");
        for (Technology s : Recognition.systemsOfRecord()) {
            yaml.append("  ").append(s).append(": {name: \"").append(s).append("\", expiry: x, lock: y}\n");
        }
        yaml.append("design:\n");
        for (String section : List.of("keys", "stateMachine", "storage", "concurrency", "ttl", "retry")) {
            yaml.append("  ").append(section).append(":\n    heading: ").append(section)
                    .append("\n    bullets:\n      - \"").append(section).append(" bullet\"\n");
        }
        yaml.append("""
                  failureModes:
                    heading: Failure modes
                    statedScenario: {title: "Stated: {scenario}", bullets: ["reuse the key"]}
                    specifics: "{technology} specifics"
                    observability: {title: Observability, bullets: ["alert on 409s"]}
                safety:
                  safeguards:
                    deduplication: {name: deduplication, cues: ['dedup\\w*'], replaceableBy: [deduplication]}
                  antiPatterns:
                    new-key-per-retry: {warning: "A new key per retry defeats deduplication", cues: ['new key per retry']}
                """);
        return yaml.toString();
    }

    private static Recognition recognising(Technology t) {
        return new Recognition(EnumSet.of(t), false, Technology.SQL, "PostgreSQL", List.of(), List.of());
    }
}
