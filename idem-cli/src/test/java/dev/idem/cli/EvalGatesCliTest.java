package dev.idem.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.idem.cli.CliRunner.Result;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Gates a CI job can trust: an evaluation of nothing, or one whose every case must fail, is never a pass. */
class EvalGatesCliTest {

    private static final String FLAGSHIP = CliRunner.ROOT.resolve("prompts/idempotency-architect.prompt.yml")
            .toString();

    @TempDir
    Path work;

    private Result eval(Map<String, String> env, String... args) {
        Map<String, String> all = new HashMap<>(env);
        all.put("IDEM_STORE", "sqlite:" + work.resolve("store.db"));
        String[] command = new String[args.length + 1];
        command[0] = "eval";
        System.arraycopy(args, 0, command, 1, args.length);
        return CliRunner.run(work, all, command);
    }

    @Test
    void should_exit_2_before_any_call_when_the_filter_matches_no_row() {
        // when (before: "cases 0", 100.0% and exit 0, so a typo in a CI filter passed the gate)
        Result r = eval(Map.of(), FLAGSHIP, "--filter", "nomatch", "--report-json", "out.json");

        // then
        assertThat(r.code()).as(r.toString()).isEqualTo(2);
        assertThat(r.err()).isEqualTo("idem: error: nothing to evaluate: the filter /nomatch/ matches none of the 2 "
                + "rows (by label or value) of " + FLAGSHIP + System.lineSeparator());
        assertThat(r.out()).isEmpty();
        assertThat(work.resolve("out.json")).doesNotExist();
    }

    @Test
    void should_exit_2_when_the_spec_has_no_test_rows() throws Exception {
        // given
        Files.writeString(work.resolve("rowless.prompt.yml"), "name: rowless\nmessages:\n  - role: user\n"
                + "    content: hello\n");

        // when
        Result r = eval(Map.of(), "rowless.prompt.yml");

        // then
        assertThat(r.code()).as(r.toString()).isEqualTo(2);
        assertThat(r.err()).startsWith("idem: error: nothing to evaluate: ").contains("rowless.prompt.yml")
                .contains("has no test rows (testData)");
        assertThat(r.err().lines()).hasSize(1);
    }

    @Test
    void should_exit_2_when_the_shard_gets_no_case() {
        // when the flagship's 2 cases are split 3 ways
        Result r = eval(Map.of(), FLAGSHIP, "--shard", "3/3");

        // then
        assertThat(r.code()).as(r.toString()).isEqualTo(2);
        assertThat(r.err()).isEqualTo("idem: error: nothing to evaluate: shard 3/3 gets none of the 2 cases (at most 2 "
                + "shards can each get one)" + System.lineSeparator());
    }
}
