package dev.idem.domain.evaluation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import org.junit.jupiter.api.Test;

class RubricTest {

    private static final RubricItem KEY_1 = RubricItem.of("KEY-1", "KEY", true, "keyword", "client key",
            "uuid ?v?[47]|ulid|client[- ]generated");
    private static final RubricItem RETRY_5 = RubricItem.of("RETRY-5", "RETRY", false, "keyword", "DLQ",
            "dlq|dead[- ]letter");
    private static final RubricItem FMT_2 = RubricItem.of("FMT-2", "FMT", false, "structural", "bullets",
            "^#{1,6} .*(failure mode|concurrency|storage)|^ *[-*+] |^ *[0-9]+[.] ");
    private static final RubricItem FMT_3 = RubricItem.of("FMT-3", "FMT", false, "negative", "no intro",
            "^(here is|below is)|in summary");
    private static final RubricItem FMT_4 = RubricItem.of("FMT-4", "FMT", false, "gate", "no refusal",
            ".error. ?: ?.unsafe.");

    @Test
    void should_score_a_compliant_design_fully_against_the_whole_rubric() {
        // when
        RubricScore score = RubricFixture.full().score(Designs.compliant());

        // then
        assertThat(score.missing()).isEmpty();
        assertThat(score.missingCritical()).isEmpty();
        assertThat(score.covered()).hasSize(34);
        assertThat(score.score()).isEqualTo(1.0);
        assertThat(score.passes(0.7)).isTrue();
    }

    @Test
    void should_weigh_critical_items_three_times() {
        // given
        Rubric rubric = new Rubric(List.of(KEY_1, RETRY_5));

        // when
        RubricScore onlyCritical = rubric.score("Keys are UUIDv7.");
        RubricScore onlyOther = rubric.score("Poison messages go to a DLQ.");

        // then
        assertThat(onlyCritical.score()).isCloseTo(0.75, within(1e-9));
        assertThat(onlyCritical.covered()).containsExactly("KEY-1");
        assertThat(onlyCritical.missing()).containsExactly("RETRY-5");
        assertThat(onlyCritical.missingCritical()).isEmpty();
        assertThat(onlyOther.score()).isCloseTo(0.25, within(1e-9));
        assertThat(onlyOther.missingCritical()).containsExactly("KEY-1");
        assertThat(onlyOther.missing()).containsExactly("KEY-1");
        assertThat(onlyOther.passes(0.1)).isFalse();
    }

    @Test
    void should_match_keywords_ignoring_case_across_lines() {
        // given
        Rubric rubric = new Rubric(List.of(RubricItem.of("X", "X", false, "keyword", "", "^dead-letter$")));

        // when / then
        assertThat(rubric.score("first line\nDEAD-LETTER\nlast").covered()).containsExactly("X");
    }

    @Test
    void should_check_structural_and_negative_items_with_the_format_rules() {
        // given
        Rubric rubric = new Rubric(List.of(KEY_1, FMT_2, FMT_3));

        // when
        RubricScore numbered = rubric.score("## Concurrency control\n1. ulid keys\n");
        RubricScore intro = rubric.score("Here is the design.\n## Storage\n- ulid keys\n");

        // then
        assertThat(numbered.covered()).containsExactly("KEY-1", "FMT-3");
        assertThat(numbered.missing()).containsExactly("FMT-2");
        assertThat(intro.covered()).containsExactly("KEY-1", "FMT-2");
        assertThat(intro.missing()).containsExactly("FMT-3");
    }

    @Test
    void should_score_zero_when_a_design_contains_the_refusal() {
        // given
        Rubric rubric = new Rubric(List.of(KEY_1, RETRY_5, FMT_4));

        // when
        RubricScore clean = rubric.score("UUIDv4 keys, DLQ.");
        RubricScore refusing = rubric.score("UUIDv4 keys, DLQ. {\"error\": \"unsafe\"}");

        // then
        assertThat(clean.score()).isEqualTo(1.0);
        assertThat(refusing.score()).isZero();
        assertThat(refusing.missing()).containsExactly("FMT-4");
        assertThat(refusing.covered()).containsExactly("KEY-1", "RETRY-5");
    }

    @Test
    void should_pass_at_the_threshold_despite_rounding() {
        // given
        RubricScore score = new RubricScore(0.7 - 1e-12, List.of(), List.of(), List.of());

        // when / then
        assertThat(score.passes(0.7)).isTrue();
        assertThat(new RubricScore(0.69, List.of(), List.of(), List.of()).passes(0.7)).isFalse();
    }

    @Test
    void should_reject_an_unknown_check_kind_duplicates_and_an_empty_rubric() {
        assertThatThrownBy(() -> RubricItem.of("X", "X", false, "fuzzy", "", "x"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("unknown check 'fuzzy'");
        assertThatThrownBy(() -> new Rubric(List.of(KEY_1, KEY_1)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("duplicate rubric item KEY-1");
        assertThatThrownBy(() -> new Rubric(List.of())).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void should_compare_items_by_value_including_the_pattern() {
        assertThat(RubricItem.of("A", "A", true, "keyword", "r", "x|y"))
                .isEqualTo(RubricItem.of("A", "A", true, "keyword", "r", "x|y"))
                .hasSameHashCodeAs(RubricItem.of("A", "A", true, "keyword", "r", "x|y"))
                .isNotEqualTo(RubricItem.of("A", "A", true, "keyword", "r", "x|z"));
        assertThat(KEY_1.weight()).isEqualTo(3);
        assertThat(RETRY_5.weight()).isEqualTo(1);
    }
}
