package dev.idem.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.idem.cli.CliRunner.Result;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * No JVM error reaches the user as a stack trace: an {@code OutOfMemoryError} or {@code StackOverflowError} in a
 * model call, on the command's thread or in an evaluation's worker, ends in one line and exit 4.
 */
class JvmErrorsCliTest {

    @TempDir
    Path work;

    private Result cli(String... args) throws Exception {
        Files.writeString(work.resolve("s.prompt.yml"), "name: s\nmessages:\n  - role: user\n    content: \"{{x}}\"\n"
                + "testData:\n  - x: one\n  - x: two\n  - x: three\n");
        return CliRunner.run(work, Map.of("IDEM_STORE", "memory:"), args);
    }

    @ParameterizedTest
    @ValueSource(strings = {"out-of-memory", "stack-overflow"})
    void should_print_one_line_and_exit_4_when_a_run_hits_a_jvm_error(String error) throws Exception {
        // when
        Result r = cli("run", "s.prompt.yml", "--var", "x=hi", "--provider", "throwing", "--model", error);

        // then
        assertThat(r.code()).as(r.toString()).isEqualTo(4);
        assertThat(r.err().lines()).as(r.toString()).hasSize(1);
        assertThat(r.err()).startsWith("idem: error: ").doesNotContain("\tat ");
    }

    @ParameterizedTest
    @ValueSource(strings = {"out-of-memory", "stack-overflow"})
    void should_print_one_line_and_exit_4_when_an_evaluation_worker_hits_a_jvm_error(String error)
            throws Exception {
        // when
        Result r = cli("eval", "s.prompt.yml", "-j", "3", "--provider", "throwing", "--model", error);

        // then
        assertThat(r.code()).as(r.toString()).isEqualTo(4);
        assertThat(r.err().lines()).as(r.toString()).hasSize(1);
        assertThat(r.err()).startsWith("idem: error: ").doesNotContain("\tat ")
                .doesNotContain("IllegalStateException");
    }

    @Test
    void should_name_the_heap_when_out_of_memory() throws Exception {
        // when
        Result r = cli("eval", "s.prompt.yml", "--provider", "throwing", "--model", "out-of-memory");

        // then
        assertThat(r.err()).startsWith("idem: error: out of memory: Java heap space").contains("-Xmx");
    }

    @Test
    void should_show_the_trace_of_a_jvm_error_with_stacktrace() throws Exception {
        // when
        Result r = cli("run", "s.prompt.yml", "--var", "x=hi", "--provider", "throwing", "--model", "stack-overflow",
                "--stacktrace");

        // then
        assertThat(r.code()).isEqualTo(4);
        assertThat(r.err()).startsWith("idem: error: internal error: java.lang.StackOverflowError")
                .contains("\tat ");
    }

    @Test
    void should_report_an_error_that_escapes_another_thread_in_one_line() throws Exception {
        // given the handler the launcher installs for every thread
        java.io.StringWriter err = new java.io.StringWriter();
        Thread worker = new Thread(() -> {
            throw new OutOfMemoryError("Direct buffer memory");
        }, "HttpClient-1-SelectorManager");
        worker.setUncaughtExceptionHandler((t, e) -> Cli.reportUncaught(t, e, new java.io.PrintWriter(err), false));

        // when
        worker.start();
        worker.join();

        // then
        assertThat(err.toString()).isEqualTo("idem: error: in thread 'HttpClient-1-SelectorManager': out of memory: "
                + "Direct buffer memory (give the JVM more heap, e.g. IDEM_JAVA_OPTS=-Xmx2g, or run fewer cases at "
                + "once with -j)" + System.lineSeparator());
    }
}
