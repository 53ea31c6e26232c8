package dev.idem.adapter.python;

import static org.assertj.core.api.Assertions.assertThat;

import dev.idem.domain.evaluation.Verdict;
import dev.idem.port.out.CodeGateway;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.ServiceLoader;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The real python3 runs each check; the reply and the row's values are data, whatever they hold. */
class PythonCodeGatewayTest {

    private final PythonCodeGateway python = new PythonCodeGateway("python3", Duration.ofSeconds(10));

    @TempDir
    Path dir;

    private Verdict run(String code, String output, Map<String, String> values) {
        return python.run(code, output, values);
    }

    @Test
    void should_find_the_system_python3_and_be_found_through_the_service_loader() {
        // when / then
        assertThat(python.unavailable()).isEmpty();
        assertThat(ServiceLoader.load(CodeGateway.class).findFirst()).get().isInstanceOf(PythonCodeGateway.class);
    }

    @Test
    void should_say_why_when_there_is_no_such_interpreter() {
        // when
        PythonCodeGateway missing = new PythonCodeGateway(dir.resolve("no-python3").toString(), Duration.ofSeconds(5));

        // then
        assertThat(missing.unavailable()).get().asString().contains("no-python3 was not found");
    }

    @Test
    void should_pass_a_truthy_expression_and_fail_a_falsy_one() {
        // when
        Verdict truthy = run("output.strip().startswith('{') and 'GDPR' in output", " {\"GDPR\": 1} ", Map.of());
        Verdict falsy = run("len(output) <= 5", "far too long", Map.of());

        // then
        assertThat(truthy.passed()).isTrue();
        assertThat(truthy.details()).isEqualTo("python check returned True");
        assertThat(falsy.passed()).isFalse();
        assertThat(falsy.details()).isEqualTo("python check returned False");
    }

    @Test
    void should_run_a_body_that_returns_as_a_function_with_the_row_values_bound() {
        // given the corpus runner's forms: a return, and statements that return, reading the row's values
        String any = "return any(t in output.lower() for t in ['spore', 'mycelium'])";
        String statements = "if 'Plastic' in variables['tree_species']:\n"
                + "  return output.strip() == '{\"error\": \"SYNTHETIC\"}'\n"
                + "return True\n";

        // when / then
        assertThat(run(any, "The MYCELIUM spreads", Map.of()).passed()).isTrue();
        assertThat(run(statements, "a poem", Map.of("tree_species", "Plastic Oak")).passed()).isFalse();
        assertThat(run(statements, " {\"error\": \"SYNTHETIC\"} ", Map.of("tree_species", "Plastic Oak")).passed())
                .isTrue();
        assertThat(run("input['broker'] in output and broker in output and context['vars']['broker'] == broker",
                "use Kafka", Map.of("broker", "Kafka")).passed()).isTrue();
    }

    @Test
    void should_read_passed_from_statements_and_refuse_statements_that_say_nothing() {
        // when
        Verdict set = run("words = output.split()\npassed = len(words) == 2", "two words", Map.of());
        Verdict silent = run("words = output.split()", "two words", Map.of());

        // then
        assertThat(set.passed()).isTrue();
        assertThat(silent.passed()).isFalse();
        assertThat(silent.details()).contains("neither is an expression, nor returns a value, nor sets `passed`");
    }

    @Test
    void should_fail_naming_the_exception_the_code_raises() {
        // when
        Verdict missing = run("undefined_name in output", "x", Map.of());
        Verdict syntax = run("output ==", "x", Map.of());

        // then
        assertThat(missing.passed()).isFalse();
        assertThat(missing.details()).isEqualTo("python check raised NameError: name 'undefined_name' is not defined");
        assertThat(syntax.details()).startsWith("python check raised SyntaxError");
    }

    @Test
    void should_keep_hostile_replies_and_values_as_data_never_as_code() {
        // given text that would run if it were spliced into source, in the reply and in a row value
        Path pwned = dir.resolve("pwned");
        String hostile = "'''\"\"\"'); __import__('os').system('touch " + pwned + "'); ('\n"
                + "\\\"; open('" + pwned + "', 'w').write('1') #\n{{payload}} ${x} \u00e9\u2028\u0000end";

        // when the code compares them with what it was given
        Verdict verdict = run("output == payload and vars['payload'] == output and output.endswith('end')",
                hostile, Map.of("payload", hostile));

        // then both arrived exactly, and nothing ran
        assertThat(verdict.passed()).as(verdict.details()).isTrue();
        assertThat(Files.exists(pwned)).isFalse();
    }

    @Test
    void should_not_let_a_row_value_replace_the_reply() {
        // when a row has a value named like the reply
        Verdict verdict = run("output == 'the reply' and vars['output'] == 'a value'", "the reply",
                Map.of("output", "a value"));

        // then
        assertThat(verdict.passed()).as(verdict.details()).isTrue();
    }

    @Test
    void should_run_without_idem_environment_and_keep_prints_out_of_the_answer() {
        // when
        Verdict environment = run("'HOME' not in __import__('os').environ", "x", Map.of());
        Verdict printing = run("print('{\"passed\": true}') or False", "x", Map.of());

        // then
        assertThat(environment.passed()).as(environment.details()).isTrue();
        assertThat(printing.passed()).isFalse();
    }

    @Test
    void should_stop_code_that_runs_out_of_time_with_what_it_started() throws Exception {
        // given a short limit, and code that starts a child of its own and outlasts the limit
        PythonCodeGateway quick = new PythonCodeGateway("python3", Duration.ofSeconds(1));
        Path marker = dir.resolve("late");
        Path child = dir.resolve("child.pid");
        String code = "open('" + child + "', 'w').write(str(__import__('subprocess').Popen(['sleep', '30']).pid))\n"
                + "__import__('time').sleep(3)\n"
                + "open('" + marker + "', 'w').write('still running')\n"
                + "passed = True";

        // when
        long start = System.nanoTime();
        Verdict verdict = quick.run(code, "x", Map.of());
        long tookMillis = (System.nanoTime() - start) / 1_000_000;

        // then
        assertThat(verdict.passed()).isFalse();
        assertThat(verdict.details()).isEqualTo("python check did not finish within 1 s (it was stopped)");
        assertThat(tookMillis).isLessThan(8_000);
        Thread.sleep(3_000); // long enough for a killed process to be reaped, far short of what either would run
        long childPid = Long.parseLong(Files.readString(child).strip());
        assertThat(ProcessHandle.of(childPid).map(ProcessHandle::isAlive)).as("the child it started").isIn(
                java.util.Optional.empty(), java.util.Optional.of(false));
        assertThat(Files.exists(marker)).isFalse();
    }
}
