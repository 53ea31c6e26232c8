package dev.idem.domain.evaluation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import dev.idem.domain.spec.RegexEvaluatorSpec;
import dev.idem.domain.spec.RegexFlag;
import dev.idem.domain.spec.TestCase;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;
import java.util.regex.PatternSyntaxException;
import org.junit.jupiter.api.Test;

class RegexEvaluatorTest {

    /** The catastrophic case of the attack round: minutes of backtracking without a bound. */
    private static final String CATASTROPHIC = "(.*a){25}$";
    private static final String REPLY_OF_41 = "a".repeat(40) + "!";

    private static Verdict judge(String pattern, String reply, TestCase row, RegexBudget budget) {
        return Evaluators.of(RegexEvaluatorSpec.of("r", pattern), budget).orElseThrow().evaluate(reply, row);
    }

    private static TestCase row(Map<String, String> values) {
        return new TestCase(1, values, Optional.empty(), List.of(), Optional.empty());
    }

    private static TestCase row(String name, String value) {
        return row(Map.of(name, value));
    }

    /** A clock that moves one millisecond each time it is read: a search's budget runs out after so many looks. */
    private static final class TickingClock extends Clock {
        private long millis;

        @Override
        public synchronized long millis() {
            return millis++;
        }

        @Override
        public Instant instant() {
            return Instant.ofEpochMilli(millis());
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }
    }

    @Test
    void should_fail_naming_the_pattern_when_a_catastrophic_search_outruns_its_budget() {
        // given a budget measured by a clock that advances as the search looks at it
        RegexBudget budget = new RegexBudget(new TickingClock(), Duration.ofMillis(20));

        // when (the guard only turns a hang of the unbounded engine into a failure)
        Verdict verdict = assertTimeoutPreemptively(Duration.ofSeconds(60),
                () -> judge(CATASTROPHIC, REPLY_OF_41, row(Map.of()), budget));

        // then
        assertThat(verdict.passed()).isFalse();
        assertThat(verdict.details()).startsWith("pattern /(.*a){25}$/ gave up after 20 ms on a reply of 41 characters")
                .contains("simplify");
    }

    @Test
    void should_give_up_on_the_catastrophic_pattern_within_the_default_budget_of_the_system_clock() {
        // when
        Verdict verdict = assertTimeoutPreemptively(Duration.ofSeconds(60),
                () -> judge(CATASTROPHIC, REPLY_OF_41, row(Map.of()), RegexBudget.of(Clock.systemUTC())));

        // then
        assertThat(verdict.passed()).isFalse();
        assertThat(verdict.details()).contains("gave up after 2 s");
    }

    @Test
    void should_not_spend_the_budget_on_an_honest_search_of_a_long_reply() {
        // given a clock that has spent a millisecond for every look: a budget of 1 s allows 1000 looks
        RegexBudget budget = new RegexBudget(new TickingClock(), Duration.ofSeconds(1));

        // when a linear search reads a megabyte (about 250 looks at the clock)
        Verdict verdict = judge("needle$", "x".repeat(1_000_000) + "needle", row(Map.of()), budget);

        // then
        assertThat(verdict.passed()).as(verdict.details()).isTrue();
    }

    @Test
    void should_fail_the_evaluator_instead_of_overflowing_the_stack_of_its_thread() throws Exception {
        // given a repeated alternation (one recursion per character) and a thread with a small stack
        AtomicReference<Object> outcome = new AtomicReference<>();
        Thread small = new Thread(null, () -> {
            try {
                outcome.set(judge("(a|b)*c", "ab".repeat(200_000), row(Map.of()), RegexBudget.of(Clock.systemUTC())));
            } catch (Throwable t) {
                outcome.set(t);
            }
        }, "small-stack", 256 * 1024);

        // when
        small.start();
        small.join();

        // then
        assertThat(outcome.get()).isInstanceOf(Verdict.class);
        Verdict verdict = (Verdict) outcome.get();
        assertThat(verdict.passed()).isFalse();
        assertThat(verdict.details()).startsWith("pattern /(a|b)*c/ overflowed the stack");
    }

    @Test
    void should_fill_a_placeholder_from_the_row_inside_a_quoted_block() {
        // given the pattern of the architecture review's finding B6
        String pattern = "(?i)\\Q{{topic}}\\E";

        // when / then
        assertThat(judge(pattern, "all about kafka", row("topic", "Kafka"), RegexBudget.of(Clock.systemUTC()))
                .passed()).isTrue();
        assertThat(judge(pattern, "all about redis", row("topic", "Kafka"), RegexBudget.of(Clock.systemUTC()))
                .passed()).isFalse();
    }

    @Test
    void should_match_a_filled_value_as_literal_text_never_as_a_pattern() {
        // given values full of regex syntax
        RegexBudget budget = RegexBudget.of(Clock.systemUTC());

        // when / then, outside a quoted block
        assertThat(judge("^{{v}}$", "a.b", row("v", "a.b"), budget).passed()).isTrue();
        assertThat(judge("^{{v}}$", "axb", row("v", "a.b"), budget).passed()).isFalse();
        assertThat(judge("id: {{v}}", "id: (.*a){25}", row("v", "(.*a){25}"), budget).passed()).isTrue();
        // and inside one, where a value holding \E must not end the quoting early
        assertThat(judge("\\Q[{{v}}]\\E", "[x\\E.*]", row("v", "x\\E.*"), budget).passed()).isTrue();
        assertThat(judge("\\Q[{{v}}]\\E", "[xE anything]", row("v", "x\\E.*"), budget).passed()).isFalse();
    }

    @Test
    void should_fill_expected_and_leave_the_implicit_expected_check_to_the_pattern() {
        // given
        RegexEvaluatorSpec spec = RegexEvaluatorSpec.of("r", "(?i)answer: {{expected}}\\b");
        TestCase row = new TestCase(1, Map.of(), Optional.of("42"), List.of(spec), Optional.empty());

        // when
        Verdict verdict = Evaluators.of(spec, RegexBudget.of(Clock.systemUTC())).orElseThrow()
                .evaluate("The ANSWER: 42.", row);

        // then
        assertThat(verdict.passed()).isTrue();
        assertThat(spec.referencesExpected()).isTrue();
        assertThat(ExpectedCheck.applies(row, List.of(spec))).isFalse();
    }

    @Test
    void should_fail_a_row_that_lacks_a_value_for_the_pattern_naming_the_placeholder() {
        // when
        Verdict verdict = judge("{{topic}}", "anything", row("other", "x"), RegexBudget.of(Clock.systemUTC()));

        // then
        assertThat(verdict.passed()).isFalse();
        assertThat(verdict.details()).contains("'{{topic}}'").contains("does not provide");
    }

    @Test
    void should_refuse_a_pattern_that_cannot_compile_whatever_the_values() {
        assertThatThrownBy(() -> RegexEvaluatorSpec.of("r", "({{x}}")).isInstanceOf(PatternSyntaxException.class);
        assertThatThrownBy(() -> RegexEvaluatorSpec.of("r", "(unclosed")).isInstanceOf(PatternSyntaxException.class);
    }

    @Test
    void should_pass_a_negated_pattern_only_when_the_reply_does_not_hold_it() {
        // given a redaction check: the PII must not appear
        RegexEvaluatorSpec spec = new RegexEvaluatorSpec("PII redacted", "(?i)(John Doe|MRN:)", Set.of(), true);
        Evaluator evaluator = Evaluators.of(spec, RegexBudget.of(Clock.systemUTC())).orElseThrow();

        // when
        Verdict leaked = evaluator.evaluate("Patient John Doe, MRN: 1234", row(Map.of()));
        Verdict redacted = evaluator.evaluate("Patient [REDACTED]", row(Map.of()));

        // then
        assertThat(leaked.passed()).isFalse();
        assertThat(leaked.details()).contains("must not be found").contains("John Doe");
        assertThat(redacted.passed()).isTrue();
    }

    @Test
    void should_apply_the_flags_written_beside_the_pattern() {
        // given a structure check across lines, and a case-insensitive one
        RegexBudget budget = RegexBudget.of(Clock.systemUTC());
        RegexEvaluatorSpec dotAll = new RegexEvaluatorSpec("s", "# Title.*## Part 2", Set.of(RegexFlag.DOT_ALL),
                false);
        RegexEvaluatorSpec lines = new RegexEvaluatorSpec("m", "^- item$", Set.of(RegexFlag.MULTILINE), false);
        RegexEvaluatorSpec caseless = new RegexEvaluatorSpec("i", "strategic imperatives",
                Set.of(RegexFlag.IGNORE_CASE), false);

        // when / then
        assertThat(Evaluators.of(dotAll, budget).orElseThrow().evaluate("# Title\nintro\n## Part 2", row(Map.of()))
                .passed()).isTrue();
        assertThat(Evaluators.of(lines, budget).orElseThrow().evaluate("intro\n- item\nend", row(Map.of()))
                .passed()).isTrue();
        assertThat(Evaluators.of(caseless, budget).orElseThrow().evaluate("## STRATEGIC IMPERATIVES", row(Map.of()))
                .details()).startsWith("pattern /strategic imperatives/i found");
        assertThat(Evaluators.of(RegexEvaluatorSpec.of("plain", "# Title.*## Part 2"), budget).orElseThrow()
                .evaluate("# Title\nintro\n## Part 2", row(Map.of())).passed()).isFalse();
    }

    @Test
    void should_keep_its_time_budget_and_row_values_with_a_translated_pattern() {
        // given a pattern Java reads only once its brace is escaped, with a placeholder and a catastrophic part
        RegexBudget budget = new RegexBudget(new TickingClock(), Duration.ofMillis(20));
        String pattern = "\\\\{{macro}}{x}|(.*a){25}$";

        // when
        Verdict literal = judge(pattern, "see \\frac{x}", row("macro", "frac"), budget);
        Verdict slow = assertTimeoutPreemptively(Duration.ofSeconds(60),
                () -> judge(pattern, REPLY_OF_41, row("macro", "frac"), budget));

        // then
        assertThat(literal.passed()).as(literal.details()).isTrue();
        assertThat(slow.passed()).isFalse();
        assertThat(slow.details()).contains("gave up after 20 ms");
    }

    @Test
    void should_fail_a_negated_pattern_that_outruns_its_budget_rather_than_pass_it() {
        // given
        RegexBudget budget = new RegexBudget(new TickingClock(), Duration.ofMillis(20));
        RegexEvaluatorSpec spec = new RegexEvaluatorSpec("r", CATASTROPHIC, Set.of(), true);

        // when
        Verdict verdict = assertTimeoutPreemptively(Duration.ofSeconds(60),
                () -> Evaluators.of(spec, budget).orElseThrow().evaluate(REPLY_OF_41, row(Map.of())));

        // then
        assertThat(verdict.passed()).isFalse();
    }
}
