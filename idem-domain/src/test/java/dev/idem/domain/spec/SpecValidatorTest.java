package dev.idem.domain.spec;

import static org.assertj.core.api.Assertions.assertThat;

import dev.idem.domain.spec.StringEvaluatorSpec.Operation;
import dev.idem.domain.template.Role;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class SpecValidatorTest {

    private static final Map<String, String> FULL_ROW = Map.of("system_context", "Kafka", "failure_scenarios", "x");

    private static PromptSpec.Builder flagship() {
        return PromptSpec.builder("architect")
                .variable(Variable.required("system_context", ""))
                .variable(Variable.required("failure_scenarios", ""))
                .message(Role.SYSTEM, "You are an architect.")
                .message(Role.USER, "<system_context>{{system_context}}</system_context>"
                        + "<failure_scenarios>{{ failure_scenarios }}</failure_scenarios>")
                .testCase(TestCase.of(1, FULL_ROW));
    }

    @Test
    void should_report_nothing_for_a_clean_spec() {
        assertThat(SpecValidator.validate(flagship().build())).isEmpty();
    }

    @Test
    void should_report_an_error_when_the_spec_has_no_messages() {
        // given
        PromptSpec spec = PromptSpec.builder("empty").build();

        // when
        List<SpecIssue> issues = SpecValidator.validate(spec);

        // then
        assertThat(issues).singleElement().satisfies(i -> {
            assertThat(i.isError()).isTrue();
            assertThat(i.field()).isEqualTo("messages");
        });
    }

    @Test
    void should_report_a_duplicate_variable_at_its_second_declaration_with_its_position() {
        // given
        SpecSource source = new SpecSource("x.prompt.yml", Map.of(
                "variables[2]", new SourcePosition(9, 3),
                "variables[2].name", new SourcePosition(9, 5)));
        PromptSpec spec = flagship().variable(Variable.required("system_context", "again")).source(source).build();

        // when
        List<SpecIssue> issues = SpecValidator.validate(spec);

        // then
        assertThat(issues).filteredOn(SpecIssue::isError).singleElement().satisfies(i -> {
            assertThat(i.field()).isEqualTo("variables[2].name");
            assertThat(i.position()).contains(new SourcePosition(9, 5));
            assertThat(i.message()).contains("duplicate variable 'system_context'").contains("variables[0]");
            assertThat(i.toString()).startsWith("x.prompt.yml:9:5: variables[2].name: duplicate variable");
        });
    }

    @Test
    void should_report_an_undeclared_placeholder_in_the_message_that_holds_it() {
        // given
        SpecSource source = new SpecSource("x.prompt.yml", Map.of("messages[1].content", new SourcePosition(20, 14)));
        PromptSpec spec = flagship()
                .messages(List.of(new MessageTemplate(Role.SYSTEM, "hi"),
                        new MessageTemplate(Role.USER, "{{system_context}} {{failure_scenarios}} {{ tone }}")))
                .source(source)
                .build();

        // when
        List<SpecIssue> issues = SpecValidator.validate(spec);

        // then
        assertThat(issues).singleElement().satisfies(i -> {
            assertThat(i.isError()).isTrue();
            assertThat(i.field()).isEqualTo("messages[1].content");
            assertThat(i.position()).contains(new SourcePosition(20, 14));
            assertThat(i.message()).isEqualTo("placeholder '{{tone}}' is not a declared variable");
        });
    }

    @Test
    void should_accept_undeclared_placeholders_when_the_spec_declares_no_variables() {
        // given
        PromptSpec spec = PromptSpec.builder("gh")
                .message(Role.USER, "{{input}}")
                .testCase(TestCase.of(1, Map.of("input", "hello")))
                .build();

        // when / then
        assertThat(SpecValidator.validate(spec)).isEmpty();
    }

    @Test
    void should_report_a_row_missing_a_required_value_at_the_row_falling_back_to_its_position() {
        // given
        SpecSource source = new SpecSource("x.prompt.yml", Map.of("testData[1]", new SourcePosition(40, 3)));
        PromptSpec spec = flagship()
                .testCase(TestCase.of(2, Map.of("failure_scenarios", "x")))
                .source(source)
                .build();

        // when
        List<SpecIssue> issues = SpecValidator.validate(spec);

        // then
        assertThat(issues).singleElement().satisfies(i -> {
            assertThat(i.isError()).isTrue();
            assertThat(i.field()).isEqualTo("testData[1]");
            assertThat(i.position()).contains(new SourcePosition(40, 3));
            assertThat(i.message()).isEqualTo("missing value for required variable 'system_context'");
        });
    }

    @Test
    void should_warn_about_an_empty_system_message_and_refuse_an_empty_user_or_assistant_message() {
        // given
        PromptSpec spec = PromptSpec.builder("empties")
                .message(Role.SYSTEM, "")
                .message(Role.USER, "hi")
                .message(Role.ASSISTANT, "  ")
                .build();

        // when
        List<SpecIssue> issues = SpecValidator.validate(spec);

        // then
        assertThat(issues).extracting(SpecIssue::isError, SpecIssue::field, SpecIssue::message).containsExactly(
                org.assertj.core.groups.Tuple.tuple(true, "messages[2].content",
                        "empty assistant message: a message needs content"),
                org.assertj.core.groups.Tuple.tuple(false, "messages[0].content",
                        "empty system message: it is not sent"));
    }

    @Test
    void should_warn_about_what_in_a_message_only_looks_like_a_placeholder_once_per_kind() {
        // given
        PromptSpec spec = PromptSpec.builder("lookalikes")
                .message(Role.SYSTEM, "{{#if extra}}More: {{extra}}{{/if}} for ${{ pr_title }}")
                .message(Role.USER, "{{.input}} and {{.more}}")
                .testCase(TestCase.of(1, Map.of("extra", "e", "input", "i", "more", "m")))
                .build();

        // when
        List<SpecIssue> issues = SpecValidator.validate(spec);

        // then
        assertThat(issues).allMatch(i -> !i.isError()).extracting(SpecIssue::field, SpecIssue::message)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple("messages[0].content", "'{{#if extra}}' is template logic "
                                + "(Handlebars), which idem does not evaluate: it is sent as written (and 1 more like "
                                + "it)"),
                        org.assertj.core.groups.Tuple.tuple("messages[0].content", "'${{ pr_title }}' is a GitHub "
                                + "Actions expression, not a placeholder: it is sent as written"),
                        org.assertj.core.groups.Tuple.tuple("messages[1].content", "'{{.input}}' is a Go-template "
                                + "placeholder (the first gh models format), read as '{{input}}' (and 1 more like it)"));
    }

    @Test
    void should_say_that_no_message_uses_a_required_variable_a_row_lacks() {
        // given: the messages write it as a GitHub Actions expression, which is no placeholder
        PromptSpec spec = PromptSpec.builder("actions")
                .variable(Variable.required("secrets.TOKEN", ""))
                .message(Role.USER, "Use ${{ secrets.TOKEN }}.")
                .testCase(TestCase.of(1, Map.of()))
                .build();

        // when
        List<SpecIssue> issues = SpecValidator.validate(spec);

        // then
        assertThat(issues).filteredOn(SpecIssue::isError).extracting(SpecIssue::message)
                .containsExactly("missing value for required variable 'secrets.TOKEN' (no message uses it)");
    }

    @Test
    void should_confine_a_missing_row_value_to_that_row_and_keep_other_errors_for_the_whole_spec() {
        // given
        PromptSpec spec = PromptSpec.builder("gh")
                .message(Role.USER, "{{input}}")
                .testCase(TestCase.of(1, Map.of("input", "hello")))
                .testCase(TestCase.of(2, Map.of()))
                .evaluator(RegexEvaluatorSpec.of("echo", "{{missing}}"))
                .build();

        // when
        List<SpecIssue> issues = SpecValidator.validate(spec);

        // then
        assertThat(issues).filteredOn(SpecIssue::isRowError).singleElement().satisfies(i -> {
            assertThat(i.testCase()).contains(2);
            assertThat(i.message()).isEqualTo("missing value for placeholder '{{input}}'");
        });
        assertThat(issues).filteredOn(i -> i.isError() && !i.isRowError()).singleElement()
                .satisfies(i -> assertThat(i.field()).isEqualTo("evaluators[0].pattern"));
    }

    @Test
    void should_not_require_a_row_value_for_a_variable_with_a_default_or_an_optional_one() {
        // given
        PromptSpec spec = flagship()
                .variable(new Variable("tone", "", true, "string", Optional.of("terse")))
                .variable(new Variable("extra", "", false, "string", Optional.empty()))
                .message(Role.USER, "{{tone}} {{extra}}")
                .build();

        // when / then
        assertThat(SpecValidator.validate(spec)).isEmpty();
    }

    @Test
    void should_report_a_row_missing_a_placeholder_value_when_the_spec_declares_no_variables() {
        // given
        PromptSpec spec = PromptSpec.builder("gh")
                .message(Role.USER, "{{input}} {{context}}")
                .testCase(TestCase.of(1, Map.of("input", "hello")))
                .build();

        // when
        List<SpecIssue> issues = SpecValidator.validate(spec);

        // then
        assertThat(issues).singleElement().satisfies(i -> {
            assertThat(i.isError()).isTrue();
            assertThat(i.field()).isEqualTo("testData[0]");
            assertThat(i.message()).contains("'{{context}}'");
        });
    }

    @Test
    void should_warn_about_a_declared_variable_no_message_uses() {
        // given
        PromptSpec spec = flagship().variable(Variable.required("unused", "")).build();

        // when
        List<SpecIssue> issues = SpecValidator.validate(spec);

        // then
        assertThat(issues).filteredOn(i -> !i.isError()).singleElement().satisfies(i -> {
            assertThat(i.field()).isEqualTo("variables[2].name");
            assertThat(i.message()).contains("'unused'").contains("no message uses it");
        });
    }

    @Test
    void should_warn_about_each_unknown_key_with_its_position() {
        // given
        SpecSource source = new SpecSource("x.prompt.yml", Map.of("colour", new SourcePosition(3, 1),
                "testData[0]", new SourcePosition(30, 3)));
        PromptSpec spec = flagship().unknownKeys(List.of("colour", "testData[0].weight")).source(source).build();

        // when
        List<SpecIssue> issues = SpecValidator.validate(spec);

        // then
        assertThat(issues).allSatisfy(i -> assertThat(i.isError()).isFalse());
        assertThat(issues).extracting(SpecIssue::field, SpecIssue::message, i -> i.position().orElseThrow())
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple("colour", "unknown key 'colour' (kept, ignored)",
                                new SourcePosition(3, 1)),
                        org.assertj.core.groups.Tuple.tuple("testData[0].weight",
                                "unknown key 'weight' (kept, ignored)", new SourcePosition(30, 3)));
    }

    @Test
    void should_warn_when_a_string_evaluator_refers_to_a_placeholder_no_row_provides() {
        // given
        PromptSpec spec = flagship()
                .evaluator(new StringEvaluatorSpec("mentions", Operation.CONTAINS, "{{system_context}} {{topic}}"))
                .build();

        // when
        List<SpecIssue> issues = SpecValidator.validate(spec);

        // then
        assertThat(issues).singleElement().satisfies(i -> {
            assertThat(i.isError()).isFalse();
            assertThat(i.field()).isEqualTo("evaluators[0].value");
            assertThat(i.message()).contains("'mentions'").contains("'{{topic}}'").contains("no test row");
        });
    }

    @Test
    void should_warn_naming_the_rows_that_lack_a_placeholder_some_rows_provide() {
        // given
        PromptSpec spec = flagship()
                .testCase(new TestCase(2, FULL_ROW, Optional.of("Idempotency"), List.of(), Optional.empty()))
                .evaluator(new StringEvaluatorSpec("exp", Operation.CONTAINS, "{{expected}}"))
                .build();

        // when
        List<SpecIssue> issues = SpecValidator.validate(spec);

        // then
        assertThat(issues).singleElement().satisfies(i -> {
            assertThat(i.field()).isEqualTo("evaluators[0].value");
            assertThat(i.message()).contains("test case(s) 1 do not provide");
        });
    }

    @Test
    void should_reject_a_row_evaluator_pattern_whose_placeholder_its_row_lacks() {
        // given
        TestCase row = new TestCase(1, FULL_ROW, Optional.empty(),
                List.of(RegexEvaluatorSpec.of("r", "(?i)\\Q{{topic}}\\E")), Optional.empty());
        PromptSpec spec = flagship().testData(List.of(row)).build();

        // when
        List<SpecIssue> issues = SpecValidator.validate(spec);

        // then
        assertThat(issues).singleElement().satisfies(i -> {
            assertThat(i.isError()).isTrue();
            assertThat(i.field()).isEqualTo("testData[0].evaluators[0].pattern");
            assertThat(i.message()).contains("'{{topic}}'").contains("test case(s) 1");
        });
    }

    @Test
    void should_reject_a_spec_pattern_naming_the_rows_that_lack_its_placeholder() {
        // given two rows, only the second of which provides the topic
        PromptSpec spec = flagship()
                .testData(List.of(TestCase.of(1, FULL_ROW), withTopic(2)))
                .evaluator(RegexEvaluatorSpec.of("mentions", "(?i)\\Q{{topic}}\\E"))
                .build();

        // when
        List<SpecIssue> issues = SpecValidator.validate(spec);

        // then
        assertThat(issues).singleElement().satisfies(i -> {
            assertThat(i.isError()).isTrue();
            assertThat(i.field()).isEqualTo("evaluators[0].pattern");
            assertThat(i.message()).contains("'mentions'").contains("test case(s) 1 do not provide");
        });
    }

    @Test
    void should_accept_a_pattern_whose_placeholder_every_row_provides() {
        // given
        PromptSpec spec = flagship()
                .testData(List.of(withTopic(1), withTopic(2)))
                .evaluator(RegexEvaluatorSpec.of("mentions", "(?i)\\Q{{topic}}\\E"))
                .build();

        // when / then
        assertThat(SpecValidator.validate(spec)).isEmpty();
    }

    private static TestCase withTopic(int number) {
        Map<String, String> values = new java.util.LinkedHashMap<>(FULL_ROW);
        values.put("topic", "Kafka");
        return TestCase.of(number, values);
    }

    @Test
    void should_list_errors_before_warnings() {
        // given
        PromptSpec spec = flagship()
                .unknownKeys(List.of("colour"))
                .testCase(TestCase.of(2, Map.of()))
                .build();

        // when
        List<SpecIssue> issues = SpecValidator.validate(spec);

        // then
        assertThat(issues).extracting(SpecIssue::isError).containsExactly(true, true, false);
    }
}
