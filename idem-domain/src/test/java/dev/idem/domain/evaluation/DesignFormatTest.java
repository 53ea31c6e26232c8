package dev.idem.domain.evaluation;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class DesignFormatTest {

    @Test
    void should_find_no_violation_in_a_compliant_design() {
        assertThat(DesignFormat.check(Designs.compliant())).isEmpty();
    }

    @Test
    void should_report_the_first_numbered_item_under_concurrency_control_with_its_line() {
        // given
        String design = """
                ## Storage
                - **Decision: PostgreSQL** with ON CONFLICT.

                ## Concurrency control
                - **IN_PROGRESS → COMPLETED** on success.
                1. Return 409 while in flight.
                2. Fence with a token.
                """;

        // when / then
        assertThat(DesignFormat.bulletSections(design)).hasValueSatisfying(v -> {
            assertThat(v.rule()).isEqualTo("FMT-2");
            assertThat(v.details()).isEqualTo("line 6 under '## Concurrency control' is a numbered item, not a "
                    + "bullet: '1. Return 409 while in flight.'");
        });
        assertThat(DesignFormat.check(design)).extracting(FormatViolation::rule).containsExactly("FMT-2");
    }

    @Test
    void should_report_prose_in_a_storage_or_failure_mode_section() {
        // given
        String storage = "# Storage choices\nWe use PostgreSQL.\n";
        String failures = "### FAILURE MODES\n- one\n  continued without a bullet\n";

        // when / then
        assertThat(DesignFormat.bulletSections(storage)).hasValueSatisfying(v ->
                assertThat(v.details()).startsWith("line 2 under '# Storage choices' is prose"));
        assertThat(DesignFormat.bulletSections(failures)).hasValueSatisfying(v ->
                assertThat(v.details()).startsWith("line 3 under '### FAILURE MODES' is prose"));
    }

    @Test
    void should_allow_prose_and_numbers_outside_the_bullet_sections() {
        // given
        String design = """
                ## Storage
                - PostgreSQL.
                * nested
                  + deeper

                ## Retries
                1. Back off with jitter.
                Retries live in one layer.
                """;

        // when / then
        assertThat(DesignFormat.bulletSections(design)).isEmpty();
    }

    @Test
    void should_skip_fenced_code_and_thematic_breaks_inside_bullet_sections() {
        // given
        String design = """
                ## Storage
                - Schema:
                ```sql
                CREATE TABLE idempotency (key text PRIMARY KEY);
                # not a heading
                ```
                ---
                - Unique constraint on the key.
                """;

        // when / then
        assertThat(DesignFormat.bulletSections(design)).isEmpty();
    }

    @Test
    void should_report_an_introduction_in_the_first_non_blank_line() {
        // given
        String design = "\n\nHere is the idempotency design you asked for.\n## Storage\n- **Decision: PostgreSQL**\n";

        // when / then
        assertThat(DesignFormat.noIntroductionOrConclusion(design)).hasValueSatisfying(v -> {
            assertThat(v.rule()).isEqualTo("FMT-3");
            assertThat(v.details()).isEqualTo("line 3 is an introduction: 'Here is the idempotency design you asked for.'");
        });
    }

    @Test
    void should_report_a_conclusion_in_the_last_three_non_blank_lines() {
        // given
        String design = Designs.compliant() + "\nIn summary, the key, the store and the lease make retries safe.\n\n";

        // when / then
        assertThat(DesignFormat.noIntroductionOrConclusion(design)).hasValueSatisfying(v ->
                assertThat(v.details()).contains("is a conclusion: 'In summary, the key"));
        // the sentence is also prose in the closing failure-modes section
        assertThat(DesignFormat.check(design)).extracting(FormatViolation::rule).containsExactly("FMT-2", "FMT-3");
    }

    @Test
    void should_accept_a_heading_or_bold_decision_as_the_first_line() {
        assertThat(DesignFormat.noIntroductionOrConclusion("# Overview\n- a\n- b\n- c\n- d")).isEmpty();
        assertThat(DesignFormat.noIntroductionOrConclusion("**Decision: fail closed**\n- a\n- b\n- c")).isEmpty();
        assertThat(DesignFormat.noIntroductionOrConclusion("Overview of the design\n- a\n- b\n- c\n- d")).isPresent();
    }

    @Test
    void should_require_a_bold_transition_or_decision() {
        assertThat(DesignFormat.boldDecisions("**IN_PROGRESS -> COMPLETED**")).isEmpty();
        assertThat(DesignFormat.boldDecisions("**claim => done**")).isEmpty();
        assertThat(DesignFormat.boldDecisions("**Critical: fence every write**")).isEmpty();
        assertThat(DesignFormat.boldDecisions("**completed** records are replayed")).isEmpty();
        assertThat(DesignFormat.boldDecisions("IN_PROGRESS → COMPLETED, no bold")).hasValueSatisfying(v ->
                assertThat(v.rule()).isEqualTo("FMT-1"));
        assertThat(DesignFormat.boldDecisions("**PostgreSQL** as the store")).isPresent();
    }

    @Test
    void should_report_a_refusal_inside_a_design() {
        // given
        String design = Designs.compliant() + "\n- Otherwise reply {\"error\": \"unsafe\"}.\n";

        // when / then
        assertThat(DesignFormat.check(design)).extracting(FormatViolation::rule).containsExactly("FMT-4");
    }

    @Test
    void should_report_every_broken_rule_in_rule_order() {
        // given
        String design = """
                Here is my design.
                ## Concurrency
                1. Lock it.
                {"error": "unsafe"}
                """;

        // when / then
        assertThat(DesignFormat.check(design)).extracting(FormatViolation::rule)
                .containsExactly("FMT-1", "FMT-2", "FMT-3", "FMT-4");
    }
}
