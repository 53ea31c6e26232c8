package dev.idem.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import dev.idem.cli.CliRunner.Result;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Where idem expects a regular file (a spec, an {@code @file} value), a FIFO, a device or a huge file is refused
 * in one line with exit 2, instead of a read that blocks or never ends. Real FIFOs and devices.
 */
class SpecialFilesCliTest {

    /** Each case would hang or exhaust memory unbounded; the guard turns that into a failure of the test. */
    private static final Duration GUARD = Duration.ofSeconds(30);

    @TempDir
    Path work;

    @BeforeEach
    void spec() throws Exception {
        Files.writeString(work.resolve("s.prompt.yml"), "name: s\nmessages:\n  - role: user\n    content: \"{{x}}\"\n");
    }

    private Result cli(String... args) {
        return assertTimeoutPreemptively(GUARD, () -> CliRunner.run(work, Map.of("IDEM_STORE", "memory:"), args));
    }

    private Path fifo(String name) throws Exception {
        Path fifo = work.resolve(name);
        Process p = new ProcessBuilder("mkfifo", fifo.toString()).inheritIO().start();
        assertThat(p.waitFor()).as("mkfifo").isZero();
        return fifo;
    }

    private static void assertUsageError(Result r, String... fragments) {
        assertThat(r.code()).as(r.toString()).isEqualTo(2);
        assertThat(r.err().lines()).as(r.toString()).hasSize(1);
        assertThat(r.err()).startsWith("idem: error: ").contains(fragments);
        assertThat(r.out()).isEmpty();
    }

    @Test
    void should_refuse_a_var_read_from_dev_zero() {
        assertUsageError(cli("render", "s.prompt.yml", "--var", "x=@/dev/zero"), "--var x", "/dev/zero",
                "not a regular file");
    }

    @Test
    void should_refuse_a_var_read_from_a_fifo() throws Exception {
        fifo("value.fifo");
        assertUsageError(cli("render", "s.prompt.yml", "--var", "x=@value.fifo"), "value.fifo", "not a regular file");
    }

    @Test
    void should_refuse_a_system_context_read_from_a_fifo() throws Exception {
        fifo("context.fifo");
        assertUsageError(cli("design", "--system-context", "@context.fifo", "--failure-scenarios", "timeouts"),
                "--system-context", "not a regular file");
    }

    @Test
    void should_refuse_a_var_file_larger_than_a_spec_may_be() throws Exception {
        // given one byte over the spec files' 2 MiB
        Files.write(work.resolve("big.txt"), new byte[2 * 1024 * 1024 + 1]);

        // when / then
        assertUsageError(cli("render", "s.prompt.yml", "--var", "x=@big.txt"), "big.txt", "larger than 2 MiB");
    }

    @Test
    void should_read_a_var_file_of_exactly_the_limit() throws Exception {
        // given
        Files.writeString(work.resolve("limit.txt"), "v".repeat(2 * 1024 * 1024));

        // when
        Result r = cli("render", "s.prompt.yml", "--var", "x=@limit.txt");

        // then
        assertThat(r.code()).as(r.err()).isZero();
        assertThat(r.out()).contains("v".repeat(1000));
    }

    @Test
    void should_refuse_a_var_read_from_a_directory() throws Exception {
        Files.createDirectory(work.resolve("dir"));
        assertUsageError(cli("render", "s.prompt.yml", "--var", "x=@dir"), "is a directory");
    }

    @Test
    void should_refuse_a_fifo_as_the_spec_file() throws Exception {
        fifo("f.prompt.yml");
        assertUsageError(cli("eval", "f.prompt.yml"), "f.prompt.yml", "not a regular file");
    }

    @Test
    void should_refuse_a_fifo_as_a_suites_spec() throws Exception {
        fifo("base.prompt.yml");
        Files.writeString(work.resolve("suite.yml"), "spec: base.prompt.yml\ntestData:\n  - x: one\n");
        assertUsageError(cli("eval", "suite.yml"), "suite.yml:1:", "not a regular file");
    }
}
