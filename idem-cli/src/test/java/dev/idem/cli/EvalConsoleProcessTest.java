package dev.idem.cli;

import static dev.idem.cli.CliRunner.FLAGSHIP;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What a real {@code idem eval} process writes while it runs, to a file (a CI log) and to a terminal. */
class EvalConsoleProcessTest {

    @TempDir
    Path work;

    @Test
    void should_write_each_row_to_a_log_as_its_case_finishes() throws Exception {
        try (CompletionServer server = new CompletionServer()) {
            // given three cases, one at a time, and a look at the log whenever the next one is asked
            Path spec = CompletionServer.spec(work, 3);
            AtomicReference<String> logAtSecond = new AtomicReference<>("");
            AtomicReference<String> logAtThird = new AtomicReference<>("");
            server.onRequest(2, () -> logAtSecond.set(read(work.resolve("out"))))
                    .onRequest(3, () -> logAtThird.set(read(work.resolve("out"))));

            // when stdout is a file, as in CI
            try (IdemProcess idem = IdemProcess.start(work, server.openAiEnvironment(), "eval", spec.toString(),
                    "--provider", "openai", "-j", "1", "--store", "memory:")) {
                assertThat(idem.exitCode(60)).as(idem.err()).isZero();
            }

            // then the header and every finished case were in the log before the next case was sent (before: the
            // log stayed empty until the last case had finished)
            assertThat(logAtSecond.get()).contains("cases     3");
            assertThat(logAtSecond.get().lines().filter(l -> l.startsWith("PASS "))).hasSize(1);
            assertThat(logAtThird.get().lines().filter(l -> l.startsWith("PASS "))).hasSize(2);
            assertThat(logAtThird.get()).doesNotContain("| passed");
        }
    }

    @Test
    void should_keep_progress_frames_out_of_a_log_that_only_stderr_goes_to() throws Exception {
        // when stdin and stdout are a terminal but stderr goes to a file (before: System.console() said "terminal",
        // and the bar's carriage-return frames went into the log)
        try (IdemProcess idem = IdemProcess.startOnTerminal(work, Map.of(), "2>eval.log", "eval", FLAGSHIP,
                "--store", "memory:")) {
            assertThat(idem.exitCode(60)).isEqualTo(1);
            assertThat(idem.out()).contains("| passed");
        }

        // then
        assertThat(read(work.resolve("eval.log"))).doesNotContain("\r").doesNotContain("eval ");
    }

    @Test
    void should_draw_the_progress_bar_when_stderr_is_a_terminal() throws Exception {
        // when
        try (IdemProcess idem = IdemProcess.startOnTerminal(work, Map.of(), "", "eval", FLAGSHIP, "--store",
                "memory:")) {
            assertThat(idem.exitCode(60)).isEqualTo(1);

            // then
            assertThat(idem.out()).contains("\reval ").contains("2/2");
        }
    }

    private static String read(Path file) {
        try {
            return Files.exists(file) ? Files.readString(file) : "";
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
