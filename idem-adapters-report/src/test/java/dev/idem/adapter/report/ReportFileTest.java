package dev.idem.adapter.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ReportFileTest {

    @TempDir
    Path dir;

    @Test
    void should_keep_the_previous_report_when_writing_fails_half_way() throws IOException {
        // given
        Path target = Files.writeString(dir.resolve("report.json"), "previous complete report");

        // when / then
        assertThatThrownBy(() -> ReportFile.write(target, out -> {
            out.write("{\"half\": ".getBytes(StandardCharsets.UTF_8));
            throw new IOException("disk full");
        }))
                .isInstanceOf(UncheckedIOException.class)
                .hasMessageContaining(target.toString())
                .hasMessageContaining("disk full");
        assertThat(Files.readString(target)).isEqualTo("previous complete report");
        assertThat(ReportWriterContract.listing(dir)).containsExactly("report.json");
    }

    @Test
    void should_remove_the_temporary_file_when_rendering_throws_an_unchecked_exception() throws IOException {
        // given
        Path target = dir.resolve("report.html");

        // when / then
        assertThatThrownBy(() -> ReportFile.write(target, out -> {
            out.write('<');
            throw new IllegalStateException("renderer bug");
        })).isInstanceOf(IllegalStateException.class);
        assertThat(ReportWriterContract.listing(dir)).isEmpty();
    }

    @Test
    void should_make_a_new_report_readable_by_others() throws IOException {
        // given
        Path target = dir.resolve("report.md");

        // when
        ReportFile.write(target, out -> out.write('#'));

        // then
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(target))).isEqualTo("rw-r--r--");
    }

    @Test
    void should_keep_the_permissions_of_the_report_it_replaces() throws IOException {
        // given
        Path target = Files.writeString(dir.resolve("report.md"), "old");
        Files.setPosixFilePermissions(target, PosixFilePermissions.fromString("rw-rw----"));

        // when
        ReportFile.write(target, out -> out.write('#'));

        // then
        assertThat(Files.readString(target)).isEqualTo("#");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(target))).isEqualTo("rw-rw----");
    }
}
