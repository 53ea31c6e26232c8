package dev.idem.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.idem.cli.CliRunner.Result;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Help that helps: suggestions for typos, {@code idem help}, examples, required options first. */
class HelpCliTest {

    @TempDir
    Path work;

    private Result idem(String... args) {
        return CliRunner.inMemory(work, args);
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

    @Test
    void should_show_the_commands_on_idem_help() {
        // when
        Result r = idem("help");

        // then
        assertThat(r.code()).as(r.toString()).isZero();
        assertThat(r.out()).startsWith("Usage: idem").contains("Commands:").contains("  eval ").contains("  design ");
    }

    @Test
    void should_show_a_commands_help_on_idem_help_command() {
        // when
        Result eval = idem("help", "eval");
        Result stats = idem("store", "help", "stats");

        // then
        assertThat(eval.code()).as(eval.toString()).isZero();
        assertThat(eval.out()).startsWith("Usage: idem eval").contains("--report-junit");
        assertThat(stats.code()).as(stats.toString()).isZero();
        assertThat(stats.out()).startsWith("Usage: idem store stats");
    }

    @ParameterizedTest
    @ValueSource(strings = {"validate", "render", "run", "design", "eval", "providers", "store", "store stats",
            "store purge"})
    void should_show_examples_of_the_command_in_its_help(String command) {
        // when
        Result r = idem((command + " --help").split(" "));

        // then
        assertThat(r.code()).as(r.toString()).isZero();
        String examples = r.out().substring(r.out().indexOf("Examples:"));
        assertThat(examples.lines().skip(1).filter(l -> l.startsWith("  idem " + command + " ")
                || l.contains(" idem " + command + " ") || l.equals("  idem " + command))).isNotEmpty();
        assertThat(r.out().lines()).allSatisfy(line -> assertThat(line.length()).isLessThanOrEqualTo(80));
        // each example line is printed as written: none is wrapped by the help's 80 columns
        assertThat(examples.lines().skip(1).filter(l -> !l.isEmpty())).allSatisfy(l -> assertThat(l).startsWith("  "));
    }

    @Test
    void should_list_designs_required_options_first_and_in_the_synopsis() {
        // when
        Result r = idem("design", "--help");

        // then
        List<String> lines = r.out().lines().toList();
        assertThat(lines.get(0)).isEqualTo(
                "Usage: idem design --system-context=TEXT|@FILE --failure-scenarios=TEXT|@FILE");
        int options = lines.indexOf("Options:");
        assertThat(lines.get(options + 1)).contains("--system-context=TEXT|@FILE");
        assertThat(lines.subList(options + 1, options + 6)).anyMatch(l -> l.contains("--failure-scenarios"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"stats", "purge"})
    void should_not_offer_cache_options_on_store_commands(String command) {
        // when
        Result help = idem("store", command, "--help");
        Result given = idem("store", command, "--no-cache");

        // then
        assertThat(help.out()).contains("--store").doesNotContain("--no-cache").doesNotContain("--cache-ttl")
                .doesNotContain("--failure-ttl");
        assertThat(given.code()).isEqualTo(2);
        assertThat(given.err()).startsWith("idem: error: unknown option '--no-cache'");
    }
}
