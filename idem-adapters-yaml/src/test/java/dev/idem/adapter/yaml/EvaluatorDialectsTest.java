package dev.idem.adapter.yaml;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.idem.domain.evaluation.Evaluators;
import dev.idem.domain.evaluation.RegexBudget;
import dev.idem.domain.evaluation.Verdict;
import dev.idem.domain.spec.CodeEvaluatorSpec;
import dev.idem.domain.spec.ContainsAllEvaluatorSpec;
import dev.idem.domain.spec.EvaluatorSpec;
import dev.idem.domain.spec.InvalidSpecException;
import dev.idem.domain.spec.JsonEvaluatorSpec;
import dev.idem.domain.spec.LlmJudgeSpec;
import dev.idem.domain.spec.PromptSpec;
import dev.idem.domain.spec.RegexEvaluatorSpec;
import dev.idem.domain.spec.RegexFlag;
import dev.idem.domain.spec.SpecIssue;
import dev.idem.domain.spec.StringEvaluatorSpec;
import dev.idem.domain.spec.StringEvaluatorSpec.Operation;
import dev.idem.domain.spec.TestCase;
import dev.idem.domain.spec.UnsupportedEvaluatorSpec;
import dev.idem.port.out.PromptSpecRepository.LoadedSpec;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Each evaluator dialect of the wild becomes one of idem's evaluators, or is refused with a message naming it. */
class EvaluatorDialectsTest {

    private static final RegexBudget BUDGET = RegexBudget.of(Clock.systemUTC());

    private final YamlPromptSpecRepository repository = new YamlPromptSpecRepository();

    private LoadedSpec load(String fixture) {
        return repository.load(TestFiles.resource("dialects/" + fixture));
    }

    private static EvaluatorSpec named(PromptSpec spec, String name) {
        return Stream.concat(spec.evaluators().stream(), spec.testData().stream().flatMap(r -> r.evaluators().stream()))
                .filter(e -> e.name().equals(name)).findFirst().orElseThrow(() -> new AssertionError("no " + name));
    }

    /** The verdict of an evaluator of the pure kinds, through the API that existed before the dialects. */
    private static boolean passes(EvaluatorSpec evaluator, String reply) {
        Verdict verdict = Evaluators.of(evaluator, BUDGET).orElseThrow().evaluate(reply,
                new TestCase(1, Map.of("patient", "Jane Roe"), Optional.empty(), List.of(), Optional.empty()));
        return verdict.passed();
    }

    @Test
    void should_read_the_contains_family_under_every_name_with_its_value_keys() {
        // when
        LoadedSpec loaded = load("evaluators-contains-family.prompt.yml");
        PromptSpec spec = loaded.spec();

        // then
        assertThat(spec.evaluators()).containsExactly(
                new StringEvaluatorSpec("includes with value", Operation.CONTAINS, "$$"),
                new StringEvaluatorSpec("string_contains with expected", Operation.CONTAINS, "ARPU"),
                new StringEvaluatorSpec("assert_contains", Operation.CONTAINS, "W^*"),
                new StringEvaluatorSpec("contains with text", Operation.CONTAINS, "churn rate"),
                new StringEvaluatorSpec("includes with a literal pattern", Operation.CONTAINS, "p_{ij} = \\Pr(X)"),
                new StringEvaluatorSpec("includes the expected value", Operation.CONTAINS, "{{expected}}"),
                new StringEvaluatorSpec("expected_output", Operation.CONTAINS, "{{expected}}"),
                new ContainsAllEvaluatorSpec("contains_all", List.of("Basic", "Pro", "{{product}}")),
                new ContainsAllEvaluatorSpec("includes_all with options", List.of("LTV", "CAC")),
                new ContainsAllEvaluatorSpec("string_match with patterns", List.of("LTV", "\\epsilon_d")),
                new StringEvaluatorSpec("string_match with one match", Operation.CONTAINS, "ZBB"),
                new StringEvaluatorSpec("string_match equals", Operation.EQUALS, "OK"),
                new StringEvaluatorSpec("type string beside string", Operation.CONTAINS, "tier"));
        assertThat(loaded.warnings()).isEmpty();
    }

    @Test
    void should_read_negated_string_checks_and_the_string_shorthands() {
        // when
        LoadedSpec loaded = load("evaluators-negated-strings.prompt.yml");

        // then
        assertThat(loaded.spec().evaluators()).containsExactly(
                new StringEvaluatorSpec("camel case", Operation.CONTAINS, "{{patient}}", true),
                new StringEvaluatorSpec("snake case", Operation.CONTAINS, "```", true),
                new StringEvaluatorSpec("not_contains", Operation.CONTAINS, "Here is", true),
                new StringEvaluatorSpec("promptfoo spelling", Operation.CONTAINS, "As an AI", true),
                new StringEvaluatorSpec("includes", Operation.CONTAINS, "Summary"),
                new RegexEvaluatorSpec("regex under string", "\\{\"error\": \"unsafe\"\\}", Set.of(), false),
                new RegexEvaluatorSpec("matches with inline flags", "(?is)(?=.*Low-Touch)(?=.*API)", Set.of(), false),
                new JsonEvaluatorSpec("is json", Optional.empty()));
        assertThat(loaded.warnings()).isEmpty();
    }

    @Test
    void should_fail_a_reply_that_holds_what_a_negated_string_check_forbids() {
        // given (before: "string: {notContains}" did not load at all)
        PromptSpec spec = load("evaluators-negated-strings.prompt.yml").spec();

        // when / then
        assertThat(passes(named(spec, "camel case"), "Summary for JANE ROE")).isFalse();
        assertThat(passes(named(spec, "camel case"), "Summary for the patient")).isTrue();
        assertThat(passes(named(spec, "promptfoo spelling"), "As an AI, I cannot")).isFalse();
    }

    @Test
    void should_read_regex_flags_negation_braces_and_python_groups() {
        // when
        LoadedSpec loaded = load("evaluators-regex-flags-negation.prompt.yml");
        PromptSpec spec = loaded.spec();

        // then
        assertThat(named(spec, "dotall letter")).isEqualTo(new RegexEvaluatorSpec("dotall letter",
                "# Package:.*## 2. Email", Set.of(RegexFlag.DOT_ALL), false));
        assertThat(named(spec, "global multiline")).isEqualTo(new RegexEvaluatorSpec("global multiline",
                "^\\s*[-*]\\s+.*$", Set.of(RegexFlag.MULTILINE), false));
        assertThat(((RegexEvaluatorSpec) named(spec, "dotall word")).flags()).containsExactly(RegexFlag.DOT_ALL);
        assertThat(((RegexEvaluatorSpec) named(spec, "row flags beside a pattern")).flags())
                .containsExactly(RegexFlag.DOT_ALL);
        assertThat(Stream.of("invert", "negate", "match false", "invert beside the shorthand")
                .map(name -> ((RegexEvaluatorSpec) named(spec, name)).negated())).containsOnly(true);
        assertThat(Stream.of("dotall letter", "literal braces", "refusal object", "python group",
                        "evaluator spelling of type", "any condition")
                .map(name -> ((RegexEvaluatorSpec) named(spec, name)).negated())).containsOnly(false);
        assertThat(loaded.warnings()).isEmpty();
    }

    @Test
    void should_fail_a_reply_that_leaks_what_a_negated_regex_forbids() {
        // given (before: invert, negate and match: false were unknown keys, and each check ran as a positive one)
        PromptSpec spec = load("evaluators-regex-flags-negation.prompt.yml").spec();

        // when / then
        assertThat(passes(named(spec, "invert"), "Patient Jane Roe, MRN: 12")).isFalse();
        assertThat(passes(named(spec, "invert"), "Patient [redacted]")).isTrue();
        assertThat(passes(named(spec, "negate"), "A true paradigm shift")).isFalse();
        assertThat(passes(named(spec, "match false"), "{\"Action\": \"*\"}")).isFalse();
        assertThat(passes(named(spec, "match false"), "{\"Action\": \"s3:GetObject\"}")).isTrue();
        assertThat(passes(named(spec, "invert beside the shorthand"), "Thread.sleep(100)")).isFalse();
    }

    @Test
    void should_apply_regex_flags_written_beside_the_pattern() {
        // given (before: flags were unknown keys, so .* stopped at line breaks and ^ matched only at the start)
        PromptSpec spec = load("evaluators-regex-flags-negation.prompt.yml").spec();

        // when / then
        assertThat(passes(named(spec, "dotall letter"), "# Package: x\n## 1. Hook\n## 2. Email")).isTrue();
        assertThat(passes(named(spec, "global multiline"), "Intro\n- first item\n- second")).isTrue();
        assertThat(passes(named(spec, "dotall word"), "<answer>\n{\n\"a\": 1\n}\n</answer>")).isTrue();
        assertThat(passes(named(spec, "row flags beside a pattern"), "line one\nline two")).isTrue();
        assertThat(passes(named(spec, "row flags beside a pattern"), "line one\nAs an AI, no")).isFalse();
    }

    @Test
    void should_find_literal_braces_and_python_groups_as_their_authors_meant() {
        // given (before: Java refused V_{eff} and {"error": ...}, so the specs did not load)
        PromptSpec spec = load("evaluators-regex-flags-negation.prompt.yml").spec();

        // when / then
        assertThat(passes(named(spec, "literal braces"), "the v_{EFF} term")).isTrue();
        assertThat(passes(named(spec, "refusal object"), "{\"error\": \"unsafe\"}")).isTrue();
        assertThat(passes(named(spec, "python group"), "it is is repeated")).isTrue();
        assertThat(passes(named(spec, "python group"), "nothing repeated here")).isFalse();
    }

    @Test
    void should_read_every_judge_dialect_as_an_llm_judge_with_exact_choices() {
        // when
        LoadedSpec loaded = load("evaluators-judges.prompt.yml");
        PromptSpec spec = loaded.spec();

        // then every one is a judge; string choices score by what they say, and the default is pass/fail
        assertThat(spec.evaluators()).hasSize(11).allMatch(e -> e instanceof LlmJudgeSpec);
        LlmJudgeSpec yesNo = (LlmJudgeSpec) named(spec, "typed model_graded with choices");
        assertThat(yesNo.choices()).containsExactly(Map.entry("Yes", 1.0), Map.entry("No", 0.0));
        assertThat(yesNo.prompt()).contains("Does the response derive the retry budget?", "{{completion}}",
                "Answer with exactly one of: Yes, No.");
        LlmJudgeSpec rule = (LlmJudgeSpec) named(spec, "evaluator 9");
        assertThat(rule.choices()).isEqualTo(LlmJudgeSpec.PASS_FAIL);
        assertThat(rule.prompt()).contains("Output must contain the 'Retry Policy' section",
                "Answer with exactly one of: pass, fail.");
        assertThat(named(spec, "Output must explain how duplicate requests are detected.")).isInstanceOf(LlmJudgeSpec.class);
        assertThat(loaded.warnings()).isEmpty();
    }

    @Test
    void should_give_the_judge_the_reply_where_the_criterion_says_output() {
        // when
        LlmJudgeSpec judge = (LlmJudgeSpec) named(load("evaluators-judges.prompt.yml").spec(), "model prompt");

        // then the criterion places the reply itself, so it is not appended a second time
        assertThat(judge.prompt()).startsWith("Return 'pass' if the design covers retries, otherwise 'fail'.\n\n"
                + "{{completion}}").doesNotContain("REPLY:");
    }

    @Test
    void should_take_the_judge_model_and_parameters_a_dialect_names() {
        // when
        PromptSpec spec = load("evaluators-judges.prompt.yml").spec();
        LlmJudgeSpec provider = (LlmJudgeSpec) named(spec, "model assertion with provider");
        LlmJudgeSpec typed = (LlmJudgeSpec) named(spec, "typed model with a model name");
        LlmJudgeSpec gh = (LlmJudgeSpec) named(spec, "gh models judge with its model written twice");

        // then
        assertThat(provider.modelId()).contains("anthropic/claude-3-haiku-20240307");
        assertThat(typed.modelId()).contains("gpt-4o");
        assertThat(gh.modelId()).contains("azureml://registries/azure-openai/models/gpt-4.1/versions/2025-04-14");
        assertThat(gh.parameters().temperature()).contains(0.15);
        assertThat(((LlmJudgeSpec) named(spec, "prompt evaluator")).prompt())
                .contains("The design rejects exactly-once delivery claims.");
        assertThat(((LlmJudgeSpec) named(spec, "description only")).prompt())
                .contains("Verifies that the design lists its failure modes.");
    }

    @Test
    void should_read_json_schema_and_python_code_and_let_labels_be() {
        // when
        LoadedSpec loaded = load("evaluators-other-kinds.prompt.yml");

        // then
        assertThat(loaded.spec().evaluators()).containsExactly(
                new JsonEvaluatorSpec("schema", Optional.of("{\"type\":\"object\",\"required\":[\"region\"]}")),
                new CodeEvaluatorSpec("python expression", "output.strip().startswith('{') and 'region' in output"),
                new CodeEvaluatorSpec("python code mapping", "len(output) <= 1200"),
                new CodeEvaluatorSpec("python return body",
                        "return any(t in output.lower() for t in ['north', 'south'])"));
        assertThat(loaded.warnings()).isEmpty();
    }

    @Test
    void should_load_the_evaluators_it_cannot_check_as_unsupported_and_warn_about_each_saying_why() {
        // when
        LoadedSpec loaded = load("evaluators-unsupported.prompt.yml");

        // then the spec loads with its check that runs, and nothing else is read as a check it is not
        assertThat(loaded.spec().evaluators()).first()
                .isEqualTo(new StringEvaluatorSpec("runs", Operation.CONTAINS, "tar"));
        List<EvaluatorSpec> unchecked = loaded.spec().evaluators().subList(1, loaded.spec().evaluators().size());
        assertThat(unchecked).allMatch(UnsupportedEvaluatorSpec.class::isInstance)
                .extracting(e -> ((UnsupportedEvaluatorSpec) e).construct())
                .containsExactly("type 'xml_structure'", "type 'syntax'", "type 'latex'", "evaluator type 'no_markdown'",
                        "type 'javascript'", "the bare name 'shellcheck_clean'", "the bare string 'rsync'",
                        "the bare string 'chmod 600'", "property 'Header'", "target '$.script.body'");
        assertThat(loaded.warnings()).allMatch(w -> !w.isError()).hasSize(10)
                .extracting(SpecIssue::message).allMatch(m -> m.contains(" cannot be checked: "));
        assertThat(loaded.warnings().get(0).toString()).startsWith(TestFiles.resource(
                "dialects/evaluators-unsupported.prompt.yml") + ":13:5: evaluators[1]: evaluator 'well-formed "
                + "tags': type 'xml_structure' cannot be checked: idem has no XML structure check");
        assertThat(loaded.warnings().get(6).message()).isEqualTo("evaluator 'rsync': the bare string 'rsync' cannot "
                + "be checked: idem cannot tell whether the reply must contain it or must not (write string: "
                + "{contains: ...} or string: {notContains: ...}; a sentence of 4 words or more is read as a criterion "
                + "for the LLM judge); an evaluation stops before any call unless it skips the evaluators it cannot "
                + "run, and then reports this one as skipped");
        assertThat(loaded.warnings().get(8).message()).contains("property 'Header' cannot be checked: it names part "
                + "of the reply");
    }

    @Test
    void should_read_a_target_or_property_that_names_the_whole_reply_as_a_check_of_the_reply() {
        // when
        LoadedSpec loaded = load("evaluators-whole-reply.prompt.yml");

        // then
        assertThat(loaded.spec().evaluators()).containsExactly(
                new StringEvaluatorSpec("text", Operation.CONTAINS, "backup"),
                new StringEvaluatorSpec("response", Operation.CONTAINS, "restore"),
                RegexEvaluatorSpec.of("completion", "(?i)snapshot"),
                new StringEvaluatorSpec("message content", Operation.CONTAINS, "lorem ipsum", true));
        assertThat(loaded.warnings()).isEmpty();
    }

    static Stream<Arguments> refusedEvaluators() {
        return Stream.of(
                Arguments.of("evaluator-unknown-key.prompt.yml", ":9:5: evaluators[0].weight: evaluator 'informational "
                        + "only': unknown key 'weight' (idem would ignore it, which could change the verdict"),
                Arguments.of("evaluator-regex-folded.prompt.yml", ":7:14: evaluators[0].pattern: evaluator "
                        + "'evaluator 1': invalid regex: Unmatched closing ')'"),
                Arguments.of("evaluator-choices-unclear.prompt.yml", ":8:15: evaluators[0].choices[0]: evaluator "
                        + "'evaluator 1': cannot tell whether the choice 'great' passes"),
                Arguments.of("evaluator-two-judge-models.prompt.yml", ":8:14: evaluators[0].llm.model: evaluator "
                        + "'judge': modelId 'openai/gpt-4.1' and model 'gpt-4o-mini' name different judge models"),
                Arguments.of("evaluator-unknown-flag.prompt.yml", ":8:14: evaluators[0].regex.flags: evaluator "
                        + "'evaluator 1': unknown regex flag 'mq'"),
                Arguments.of("evaluator-regex-on-expected.prompt.yml", ":9:13: evaluators[0].target: evaluator "
                        + "'evaluator 1': a regex evaluator checks the reply, not the row's expected value"),
                Arguments.of("evaluator-several-values.prompt.yml", ":7:12: evaluators[0].value: evaluator "
                        + "'evaluator 1': 2 values to compare with: all of them, or any?"),
                Arguments.of("evaluator-nothing-to-repeat.prompt.yml", ":7:14: evaluators[0].pattern: evaluator "
                        + "'evaluator 1': invalid regex: nothing to repeat before the quantifier {3}"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("refusedEvaluators")
    void should_refuse_an_evaluator_it_cannot_read_faithfully_naming_the_construct(String fixture, String expected) {
        // when
        InvalidSpecException e = catchThrowableOfType(InvalidSpecException.class,
                () -> repository.load(TestFiles.resource("invalid/" + fixture)));

        // then
        assertThat(e).isNotNull();
        assertThat(e.issues()).filteredOn(SpecIssue::isError).first().asString()
                .startsWith(TestFiles.resource("invalid/" + fixture) + expected);
    }

    @Test
    void should_point_out_the_space_a_folded_double_quoted_line_put_after_a_backslash() {
        // when
        InvalidSpecException e = catchThrowableOfType(InvalidSpecException.class,
                () -> repository.load(TestFiles.resource("invalid/evaluator-regex-folded.prompt.yml")));

        // then
        assertThat(e.getMessage()).contains("the line break became the space after a '\\'");
    }
}
