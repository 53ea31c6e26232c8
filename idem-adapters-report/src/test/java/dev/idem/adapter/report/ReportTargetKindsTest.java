package dev.idem.adapter.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A report path is whatever the user named: a regular file is replaced atomically, a symbolic link keeps
 * being a link (its target gets the report), a device or FIFO is written to, and a directory is refused.
 * Real links, FIFOs and character devices, no stand-ins.
 */
class ReportTargetKindsTest {

    private static final String REPORT = "{\"summary\": \"new\"}\n";

    @TempDir
    Path dir;

    private static void write(Path target) {
        ReportFile.write(target, out -> out.write(REPORT.getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void should_replace_a_regular_file() throws IOException {
        // given
        Path target = Files.writeString(dir.resolve("r.json"), "old");

        // when
        write(target);

        // then
        assertThat(target).isRegularFile().hasContent(REPORT.strip());
        assertThat(ReportWriterContract.listing(dir)).containsExactly("r.json");
    }

    @Test
    void should_create_a_missing_file() {
        // given
        Path target = dir.resolve("new.json");

        // when
        write(target);

        // then
        assertThat(target).isRegularFile().hasContent(REPORT.strip());
    }

    @Test
    void should_write_through_a_relative_symlink_and_keep_the_link() throws IOException {
        // given reports/latest.json -> ../runs/42.json
        Path real = Files.writeString(Files.createDirectories(dir.resolve("runs")).resolve("42.json"), "old");
        Path link = Files.createSymbolicLink(Files.createDirectories(dir.resolve("reports")).resolve("latest.json"),
                Path.of("..", "runs", "42.json"));

        // when
        write(link);

        // then
        assertThat(Files.isSymbolicLink(link)).as("still a link").isTrue();
        assertThat(Files.readSymbolicLink(link)).isEqualTo(Path.of("..", "runs", "42.json"));
        assertThat(real).hasContent(REPORT.strip());
        assertThat(ReportWriterContract.listing(dir.resolve("runs"))).containsExactly("42.json");
        assertThat(ReportWriterContract.listing(dir.resolve("reports"))).containsExactly("latest.json");
    }

    @Test
    void should_write_through_an_absolute_symlink_and_keep_the_link() throws IOException {
        // given
        Path real = Files.writeString(dir.resolve("real.json"), "old");
        Path link = Files.createSymbolicLink(dir.resolve("link.json"), real.toAbsolutePath());

        // when
        write(link);

        // then
        assertThat(Files.isSymbolicLink(link)).as("still a link").isTrue();
        assertThat(real).hasContent(REPORT.strip());
    }

    @Test
    void should_write_through_a_chain_of_links_and_keep_the_permissions_of_the_final_target() throws IOException {
        // given a -> b -> real.json, the real file group-writable
        Path real = Files.writeString(dir.resolve("real.json"), "old");
        Files.setPosixFilePermissions(real, java.nio.file.attribute.PosixFilePermissions.fromString("rw-rw----"));
        Path b = Files.createSymbolicLink(dir.resolve("b.json"), Path.of("real.json"));
        Path a = Files.createSymbolicLink(dir.resolve("a.json"), Path.of("b.json"));

        // when
        write(a);

        // then
        assertThat(Files.isSymbolicLink(a)).isTrue();
        assertThat(Files.isSymbolicLink(b)).isTrue();
        assertThat(real).hasContent(REPORT.strip());
        assertThat(java.nio.file.attribute.PosixFilePermissions.toString(Files.getPosixFilePermissions(real)))
                .isEqualTo("rw-rw----");
    }

    @Test
    void should_create_the_target_of_a_dangling_symlink_and_keep_the_link() throws IOException {
        // given a link to a file that does not exist yet (in a directory that does not either)
        Path link = Files.createSymbolicLink(dir.resolve("latest.json"), Path.of("out", "run.json"));

        // when
        write(link);

        // then
        assertThat(Files.isSymbolicLink(link)).as("still a link").isTrue();
        assertThat(dir.resolve("out").resolve("run.json")).isRegularFile().hasContent(REPORT.strip());
    }

    @Test
    void should_write_into_a_fifo_that_a_reader_holds_open() throws Exception {
        // given a FIFO and a reader waiting on it
        Path fifo = dir.resolve("report.fifo");
        run("mkfifo", fifo.toString());
        CompletableFuture<String> read = CompletableFuture.supplyAsync(() -> {
            try (InputStream in = Files.newInputStream(fifo)) {
                return new String(in.readAllBytes(), StandardCharsets.UTF_8);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }, daemonThread());

        // when
        write(fifo);

        // then the reader got the report and the FIFO is still a FIFO
        assertThat(read.get(10, TimeUnit.SECONDS)).isEqualTo(REPORT);
        assertThat(kindOf(fifo).isOther()).as("still a FIFO").isTrue();
        assertThat(ReportWriterContract.listing(dir)).containsExactly("report.fifo");
    }

    @Test
    void should_write_into_a_character_device_without_replacing_it() throws Exception {
        // given a character device: a private copy of /dev/null when this user may make one (root in a CI
        // container, the case where replacing /dev/null would do harm), else /dev/null itself
        Path device = nullDevice();

        // when
        write(device);

        // then
        assertThat(kindOf(device).isOther()).as("still a character device").isTrue();
        assertThat(Files.size(device)).isZero();
        if (device.startsWith(dir)) {
            assertThat(ReportWriterContract.listing(dir)).containsExactly("null");
        }
    }

    @Test
    void should_refuse_a_directory_with_a_one_line_error() throws IOException {
        // given
        Path target = Files.createDirectory(dir.resolve("reports"));

        // when / then
        assertThatThrownBy(() -> write(target))
                .isInstanceOf(UncheckedIOException.class)
                .hasMessage("cannot write report " + target + ": it is a directory (name a file)");
        assertThat(target).isEmptyDirectory();
    }

    @Test
    void should_refuse_a_symlink_to_a_directory() throws IOException {
        // given
        Path real = Files.createDirectory(dir.resolve("reports"));
        Path link = Files.createSymbolicLink(dir.resolve("r.json"), real.getFileName());

        // when / then
        assertThatThrownBy(() -> write(link))
                .isInstanceOf(UncheckedIOException.class)
                .hasMessageContaining("it is a directory");
        assertThat(Files.isSymbolicLink(link)).isTrue();
        assertThat(real).isEmptyDirectory();
    }

    private Path nullDevice() {
        Path own = dir.resolve("null");
        try {
            run("mknod", own.toString(), "c", "1", "3");
            return own;
        } catch (IOException e) {
            return Path.of("/dev/null");
        }
    }

    private static BasicFileAttributes kindOf(Path path) throws IOException {
        return Files.readAttributes(path, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
    }

    private static java.util.concurrent.Executor daemonThread() {
        return task -> {
            Thread t = new Thread(task, "fifo-reader");
            t.setDaemon(true);
            t.start();
        };
    }

    private static void run(String... command) throws IOException {
        try {
            Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
            String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!p.waitFor(10, TimeUnit.SECONDS) || p.exitValue() != 0) {
                throw new IOException(String.join(" ", command) + " failed: " + output);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException(e);
        }
    }
}
