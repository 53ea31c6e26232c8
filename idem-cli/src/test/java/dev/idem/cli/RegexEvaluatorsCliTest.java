package dev.idem.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import dev.idem.cli.CliRunner.Result;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** Regex evaluators end to end: bounded in time, and filled from each row, against a real OpenAI-protocol server. */
class RegexEvaluatorsCliTest {

    @RegisterExtension
    final LocalHttpServer server = new LocalHttpServer();

    @TempDir
    Path work;

    private Result cli(String... args) {
        return CliRunner.run(work, ChatCompletions.environment(server), args);
    }

    @Test
    void should_fail_the_evaluator_instead_of_hanging_on_a_catastrophic_pattern() throws Exception {
        // given the attack round's pattern and a 41-character reply
        server.replyWith("a".repeat(40) + "!");
        Files.writeString(work.resolve("s.prompt.yml"), "name: s\nmessages:\n  - role: user\n    content: hi\n"
                + "testData:\n  - name: only\nevaluators:\n  - name: greedy\n    regex:\n"
                + "      pattern: \"(.*a){25}$\"\n");

        // when (the guard turns the unbounded engine's minutes into a failure of this test)
        Result r = assertTimeoutPreemptively(Duration.ofSeconds(90),
                () -> cli("eval", "s.prompt.yml", "--provider", "openai"));

        // then
        assertThat(r.code()).as(r.toString()).isEqualTo(1);
        assertThat(r.out()).contains("FAIL").contains("✗ greedy").contains("pattern /(.*a){25}$/ gave up after 2 s");
    }

    @Test
    void should_validate_and_pass_a_pattern_filled_from_each_row() throws Exception {
        // given the architecture review's B6 spec: every row provides the topic the pattern quotes
        server.replyWith("all about kafka");
        server.replyWith("all about redis");
        Files.writeString(work.resolve("s.prompt.yml"), "name: s\nmessages:\n  - role: user\n"
                + "    content: \"Tell me about {{topic}}\"\ntestData:\n  - topic: Kafka\n  - topic: Redis\n"
                + "evaluators:\n  - name: on topic\n    regex:\n      pattern: \"(?i)\\\\Q{{topic}}\\\\E\"\n");

        // when
        Result validated = cli("validate", "s.prompt.yml");
        Result evaluated = cli("eval", "s.prompt.yml", "--provider", "openai", "-j", "1");

        // then
        assertThat(validated.code()).as(validated.toString()).isZero();
        assertThat(validated.err()).isEmpty();
        assertThat(evaluated.code()).as(evaluated.toString()).isZero();
        assertThat(evaluated.out().lines().filter(l -> l.startsWith("PASS "))).hasSize(2);
    }

    @Test
    void should_refuse_a_pattern_whose_placeholder_a_row_lacks_before_any_call() throws Exception {
        // given
        Files.writeString(work.resolve("s.prompt.yml"), "name: s\nmessages:\n  - role: user\n"
                + "    content: \"Tell me about {{topic}}\"\ntestData:\n  - topic: Kafka\n    tag: x\n"
                + "  - topic: Redis\n"
                + "evaluators:\n  - name: tagged\n    regex:\n      pattern: \"\\\\b{{tag}}\\\\b\"\n");

        // when
        Result r = cli("eval", "s.prompt.yml", "--provider", "openai");

        // then
        assertThat(r.code()).as(r.toString()).isEqualTo(2);
        assertThat(r.err()).startsWith("idem: error: ").contains("{{tag}}").contains("test case(s) 2");
        assertThat(server.getRequestCount()).isZero();
    }
}
