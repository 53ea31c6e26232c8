package dev.idem.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.idem.cli.CliRunner.Result;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Help that helps: suggestions for typos, {@code idem help}, examples, required options first. */
class HelpCliTest {

    @TempDir
    Path work;

    private Result idem(String... args) {
        return CliRunner.run(work, Map.of("IDEM_STORE", "memory:"), args);
    }

    @Test
    void should_suggest_the_command_meant_when_a_command_is_misspelt() {
        // when
        Result r = idem("evl", "x.yml");

        // then
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.err()).isEqualTo("idem: error: unknown command 'evl' (did you mean 'idem eval'? see 'idem --help')"
                + System.lineSeparator());
    }

    @Test
    void should_suggest_the_option_meant_when_an_option_is_misspelt() {
        // when
        Result r = idem("eval", "x.yml", "--provder", "openai");

        // then
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.err()).isEqualTo("idem: error: unknown option '--provder' (did you mean '--provider'? "
                + "see 'idem eval --help')" + System.lineSeparator());
    }

    @Test
    void should_suggest_a_subcommand_of_store_when_it_is_misspelt() {
        // when
        Result r = idem("store", "stat");

        // then
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.err()).contains("unknown command 'stat'").contains("did you mean 'idem store stats'?");
    }

    @Test
    void should_name_an_unknown_option_without_guessing_when_nothing_is_like_it() {
        // when
        Result r = idem("validate", "x.yml", "--zzzzzzzzzzzzzz");

        // then
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.err()).isEqualTo("idem: error: unknown option '--zzzzzzzzzzzzzz' (see 'idem validate --help')"
                + System.lineSeparator());
    }

    @Test
    void should_name_an_unexpected_argument() {
        // when
        Result r = idem("render", "x.yml", "extra");

        // then
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.err()).isEqualTo("idem: error: unexpected argument 'extra' (see 'idem render --help')"
                + System.lineSeparator());
    }
}
