package dev.idem.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class TextOutputStreamTest {

    @Test
    void should_keep_a_character_whole_when_its_bytes_come_in_two_writes() throws Exception {
        // given "✓ é" in UTF-8, cut inside the three bytes of the check mark
        byte[] bytes = "✓ é".getBytes(StandardCharsets.UTF_8);
        StringWriter text = new StringWriter();
        TextOutputStream out = new TextOutputStream(text);

        // when
        out.write(bytes, 0, 1);
        out.flush();
        out.write(bytes, 1, bytes.length - 1);
        out.flush();

        // then
        assertThat(text.toString()).isEqualTo("✓ é");
    }

    @Test
    void should_write_a_text_longer_than_its_buffer() throws Exception {
        // given
        String report = "ü".repeat(10_000);
        StringWriter text = new StringWriter();

        // when
        try (TextOutputStream out = new TextOutputStream(text)) {
            out.write(report.getBytes(StandardCharsets.UTF_8));
        }

        // then
        assertThat(text.toString()).isEqualTo(report);
    }
}
