package dev.idem.adapter.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.idem.port.in.EvaluationResult;
import dev.idem.port.out.ReportWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ServiceLoader;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What every report format promises: atomic replacement, clear failures, determinism, streams, discoverability. */
abstract class ReportWriterContract {

    @TempDir
    Path dir;

    abstract ReportWriter writer();

    abstract String expectedFormat();

    abstract String fileName();

    EvaluationResult sample() {
        return SampleEvaluation.flagship();
    }

    /** How this format writes the sample's duration (7 412 ms). */
    abstract String expectedDuration();

    @Test
    void should_stand_alone_naming_the_idem_version_the_start_the_duration_and_who_answered() throws IOException {
        // given
        Path target = dir.resolve(fileName());

        // when
        writer().write(sample(), target);

        // then a report read on its own, months later, says which idem ran what, when, and which model answered
        assertThat(Files.readString(target)).contains(SampleEvaluation.VERSION).contains("2026-11-30T17:29:08")
                .contains(expectedDuration()).contains("openai").contains(SampleEvaluation.ANSWERED_BY);
    }

    @Test
    void should_leave_only_the_report_in_the_directory() throws IOException {
        // given
        Path target = dir.resolve(fileName());

        // when
        writer().write(sample(), target);

        // then
        assertThat(listing(dir)).containsExactly(fileName());
        assertThat(Files.size(target)).isPositive();
    }

    @Test
    void should_replace_an_existing_report() throws IOException {
        // given
        Path target = dir.resolve(fileName());
        Files.writeString(target, "stale report from yesterday");

        // when
        writer().write(sample(), target);

        // then
        assertThat(Files.readString(target)).doesNotContain("stale report").isNotEmpty();
        assertThat(listing(dir)).containsExactly(fileName());
    }

    @Test
    void should_create_missing_parent_directories() {
        // given
        Path target = dir.resolve("build").resolve("reports").resolve(fileName());

        // when
        writer().write(sample(), target);

        // then
        assertThat(target).isRegularFile();
    }

    @Test
    void should_fail_naming_the_file_when_a_file_stands_where_its_directory_should_be() throws IOException {
        // given
        Path blocker = Files.writeString(dir.resolve("reports"), "not a directory");
        Path target = blocker.resolve(fileName());

        // when / then
        assertThatThrownBy(() -> writer().write(sample(), target))
                .isInstanceOf(UncheckedIOException.class)
                .hasMessageContaining(target.toString());
        assertThat(Files.readString(blocker)).isEqualTo("not a directory");
    }

    @Test
    void should_fail_naming_the_file_and_leave_no_temporary_file_when_the_target_cannot_be_replaced()
            throws IOException {
        // given a non-empty directory where the report should go: the final rename must fail
        Path target = Files.createDirectory(dir.resolve(fileName()));
        Files.writeString(target.resolve("keep.txt"), "precious");

        // when / then
        assertThatThrownBy(() -> writer().write(sample(), target))
                .isInstanceOf(UncheckedIOException.class)
                .hasMessageContaining(target.toString());
        assertThat(listing(dir)).containsExactly(fileName());
        assertThat(Files.readString(target.resolve("keep.txt"))).isEqualTo("precious");
    }

    @Test
    void should_write_identical_bytes_for_identical_results() throws IOException {
        // given
        Path first = dir.resolve("a-" + fileName());
        Path second = dir.resolve("b-" + fileName());

        // when
        writer().write(sample(), first);
        writer().write(sample(), second);

        // then
        assertThat(Files.readAllBytes(first)).isEqualTo(Files.readAllBytes(second));
    }

    @Test
    void should_write_to_a_stream_the_bytes_it_writes_to_a_file_and_leave_the_stream_open() throws IOException {
        // given
        Path file = dir.resolve(fileName());
        writer().write(sample(), file);
        boolean[] closed = {false};
        java.io.ByteArrayOutputStream stream = new java.io.ByteArrayOutputStream() {
            @Override
            public void close() {
                closed[0] = true;
            }
        };

        // when
        writer().write(sample(), stream);

        // then
        assertThat(stream.toByteArray()).isEqualTo(Files.readAllBytes(file));
        assertThat(closed[0]).as("stream closed").isFalse();
    }

    @Test
    void should_write_utf8_text() throws IOException {
        // given
        Path target = dir.resolve(fileName());

        // when
        writer().write(sample(), target);

        // then the strict decoder rejects anything that is not well-formed UTF-8
        String text = StandardCharsets.UTF_8.newDecoder().decode(ByteBuffer.wrap(Files.readAllBytes(target)))
                .toString();
        assertThat(text).contains("20 s — gave up");
    }

    @Test
    void should_be_found_by_its_format_through_the_service_loader() {
        // when
        Stream<ReportWriter> found = ServiceLoader.load(ReportWriter.class).stream()
                .map(ServiceLoader.Provider::get)
                .filter(w -> w.format().equals(expectedFormat()));

        // then
        assertThat(found).singleElement().isInstanceOf(writer().getClass());
    }

    static java.util.List<String> listing(Path directory) throws IOException {
        try (Stream<Path> files = Files.list(directory)) {
            return files.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }
}
