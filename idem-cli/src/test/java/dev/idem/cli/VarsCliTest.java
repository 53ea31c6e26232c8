package dev.idem.cli;

import static dev.idem.cli.CliRunner.FLAGSHIP;
import static org.assertj.core.api.Assertions.assertThat;

import dev.idem.cli.CliRunner.Result;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code --var}: names the spec does not know are refused; {@code @-} reads standard input, once. */
class VarsCliTest {

    @TempDir
    Path work;

    private Result idem(String... args) {
        return CliRunner.inMemory(work, args);
    }

    @Test
    void should_exit_2_naming_the_specs_variables_when_a_var_is_misspelt() {
        // when
        Result render = idem("render", FLAGSHIP, "--var", "system_context=a", "--var", "failure_scenario=b");
        Result run = idem("run", FLAGSHIP, "--var", "system_context=a", "--var", "failure_scenarios=b",
                "--var", "sytem_context=c");

        // then
        assertThat(render.code()).isEqualTo(2);
        assertThat(render.err()).isEqualTo("idem: error: unknown variable 'failure_scenario' (the spec's variables: "
                + "system_context, failure_scenarios)" + System.lineSeparator());
        assertThat(render.out()).isEmpty();
        assertThat(run.code()).isEqualTo(2);
        assertThat(run.err()).startsWith("idem: error: unknown variable 'sytem_context'");
    }

    @Test
    void should_exit_2_when_a_var_overrides_a_test_row_with_an_unknown_name() {
        // when
        Result r = idem("render", FLAGSHIP, "--case", "1", "--var", "context=x");

        // then
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.err()).startsWith("idem: error: unknown variable 'context'");
    }

    @Test
    void should_read_a_value_from_standard_input_for_at_dash() {
        // when
        Result r = CliRunner.runWithStdin(work, Map.of("IDEM_STORE", "memory:"), "Kafka consumers\nand a gateway\n",
                "render", FLAGSHIP, "--var", "system_context=@-", "--var", "failure_scenarios=rebalances");

        // then
        assertThat(r.code()).as(r.toString()).isZero();
        assertThat(r.out()).contains("<system_context>Kafka consumers\nand a gateway\n</system_context>");
    }

    @Test
    void should_read_a_design_input_from_standard_input() {
        // when
        Result r = CliRunner.runWithStdin(work, Map.of("IDEM_STORE", "memory:"), "Kafka consumers behind a gateway",
                "design", "--system-context", "@-", "--failure-scenarios", "rebalances", "--format", "json");

        // then
        assertThat(r.code()).as(r.toString()).isZero();
        assertThat(r.out()).containsIgnoringCase("kafka");
    }

    @Test
    void should_exit_2_when_standard_input_is_asked_for_twice() {
        // when
        Result r = CliRunner.runWithStdin(work, Map.of("IDEM_STORE", "memory:"), "once", "render", FLAGSHIP,
                "--var", "system_context=@-", "--var", "failure_scenarios=@-");

        // then
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.err()).isEqualTo("idem: error: --var failure_scenarios: standard input was already read for "
                + "--var system_context (only one value can be @-)" + System.lineSeparator());
    }
}
