package dev.idem.adapter.yaml;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import dev.idem.domain.spec.InvalidSpecException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class HostileInputTest {

    private final YamlPromptSpecRepository repository = new YamlPromptSpecRepository();

    @TempDir
    Path dir;

    @Test
    void should_refuse_a_fifo_as_spec_file_instead_of_waiting_for_a_writer() throws Exception {
        // given
        Path fifo = dir.resolve("spec.prompt.yml");
        mkfifo(fifo);

        // when
        InvalidSpecException e = assertTimeoutPreemptively(java.time.Duration.ofSeconds(30),
                () -> catchThrowableOfType(InvalidSpecException.class, () -> repository.load(fifo)));

        // then
        assertThat(e).isNotNull();
        assertThat(e.getMessage())
                .isEqualTo(fifo + ": cannot read file: not a regular file (a FIFO, device or socket)");
    }

    @Test
    void should_refuse_a_character_device_as_spec_file() {
        // when
        InvalidSpecException e = assertTimeoutPreemptively(java.time.Duration.ofSeconds(30),
                () -> catchThrowableOfType(InvalidSpecException.class, () -> repository.load(Path.of("/dev/zero"))));

        // then
        assertThat(e).isNotNull();
        assertThat(e.getMessage()).contains("not a regular file");
    }

    @Test
    void should_refuse_a_fifo_as_a_suites_spec_naming_the_spec_field() throws Exception {
        // given
        mkfifo(dir.resolve("base.prompt.yml"));
        Path suite = write("suite.yml", "name: s\nspec: base.prompt.yml\ntestData:\n  - x: 1\n");

        // when
        InvalidSpecException e = assertTimeoutPreemptively(java.time.Duration.ofSeconds(30),
                () -> catchThrowableOfType(InvalidSpecException.class, () -> repository.load(suite)));

        // then
        assertThat(e).isNotNull();
        assertThat(e.getMessage()).startsWith(suite + ":2:").contains("spec").contains("not a regular file");
    }

    private static void mkfifo(Path path) throws IOException, InterruptedException {
        Process p = new ProcessBuilder("mkfifo", path.toString()).inheritIO().start();
        assertThat(p.waitFor()).as("mkfifo").isZero();
    }

    @Test
    void should_refuse_a_billion_laughs_alias_bomb() throws IOException {
        // given
        StringBuilder yaml = new StringBuilder("a: &a [\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\"]\n");
        String previous = "a";
        for (char c = 'b'; c <= 'i'; c++) {
            String alias = "*" + previous;
            yaml.append(c).append(": &").append(c).append(" [")
                    .append(String.join(",", java.util.Collections.nCopies(9, alias))).append("]\n");
            previous = String.valueOf(c);
        }
        yaml.append("messages:\n  - role: user\n    content: hi\n");
        Path file = write("bomb.prompt.yml", yaml.toString());

        // when
        InvalidSpecException e = catchThrowableOfType(InvalidSpecException.class, () -> repository.load(file));

        // then
        assertThat(e.issues()).hasSize(1);
        assertThat(e.getMessage()).startsWith(file + ":").contains("too many YAML aliases");
    }

    @Test
    void should_refuse_aliases_that_expand_a_long_string_beyond_twice_the_file_limit() throws IOException {
        // given 2000 aliases of one 1 MB string: a 1.1 MB file that would expand to 2 GB of prompts
        StringBuilder yaml = new StringBuilder("big: &big \"").append("x".repeat(1_000_000)).append("\"\n");
        yaml.append("messages:\n  - role: user\n    content: \"{{v}}\"\ntestData:\n");
        for (int i = 0; i < 2000; i++) {
            yaml.append("  - v: *big\n");
        }
        Path file = write("long-aliases.prompt.yml", yaml.toString());

        // when
        InvalidSpecException e = catchThrowableOfType(InvalidSpecException.class, () -> repository.load(file));

        // then refused at the alias that crosses 4 MiB: the fifth (line 10)
        assertThat(e).isNotNull();
        assertThat(e.issues()).hasSize(1);
        assertThat(e.getMessage()).startsWith(file + ":10:8: ")
                .contains("YAML aliases expand to more than 4 MiB of text");
    }

    @Test
    void should_accept_aliases_of_a_long_context_shared_by_a_few_rows() throws IOException {
        // given a 100 kB context reused by 30 rows: 3 MB of expansion, an honest spec
        StringBuilder yaml = new StringBuilder("context: &ctx \"").append("y".repeat(100_000)).append("\"\n");
        yaml.append("messages:\n  - role: user\n    content: \"{{v}}\"\ntestData:\n");
        for (int i = 0; i < 30; i++) {
            yaml.append("  - v: *ctx\n");
        }
        Path file = write("shared.prompt.yml", yaml.toString());

        // when / then
        assertThat(repository.load(file).spec().testData()).hasSize(30);
    }

    @Test
    void should_refuse_more_collection_aliases_than_the_limit() throws IOException {
        // given
        StringBuilder yaml = new StringBuilder("base: &base {k: v}\nmany:\n");
        for (int i = 0; i < 60; i++) {
            yaml.append("  - *base\n");
        }
        yaml.append("messages:\n  - role: user\n    content: hi\n");
        Path file = write("aliases.prompt.yml", yaml.toString());

        // when
        InvalidSpecException e = catchThrowableOfType(InvalidSpecException.class, () -> repository.load(file));

        // then
        assertThat(e.getMessage()).startsWith(file + ":53:5: too many YAML aliases");
    }

    @Test
    void should_refuse_an_unknown_alias() {
        // when
        InvalidSpecException e = catchThrowableOfType(InvalidSpecException.class,
                () -> repository.parse("alias.prompt.yml", "name: *nowhere\n".getBytes(StandardCharsets.UTF_8)));

        // then
        assertThat(e.getMessage()).isEqualTo("alias.prompt.yml:1:7: unknown YAML alias '*nowhere'");
    }

    @Test
    void should_refuse_a_file_over_two_mebibytes_before_reading_it() throws IOException {
        // given
        byte[] content = new byte[3 * 1024 * 1024];
        Arrays.fill(content, (byte) '#');
        Path file = dir.resolve("huge.prompt.yml");
        Files.write(file, content);

        // when
        InvalidSpecException e = catchThrowableOfType(InvalidSpecException.class, () -> repository.load(file));

        // then
        assertThat(e.getMessage()).isEqualTo(file + ": file too large: 3145728 bytes (a spec file may hold at most 2 MiB)");
    }

    @Test
    void should_refuse_parsed_content_over_two_mebibytes() {
        // given
        byte[] content = new byte[3 * 1024 * 1024];
        Arrays.fill(content, (byte) ' ');

        // when
        InvalidSpecException e = catchThrowableOfType(InvalidSpecException.class,
                () -> repository.parse("huge.prompt.yml", content));

        // then
        assertThat(e.getMessage()).startsWith("huge.prompt.yml: file too large");
    }

    @Test
    void should_refuse_invalid_utf8_with_its_position() throws IOException {
        // given
        byte[] content = {'n', 'a', 'm', 'e', ':', ' ', 'x', '\n', 'd', ':', ' ', (byte) 0xC3, (byte) 0x28, '\n'};
        Path file = dir.resolve("latin.prompt.yml");
        Files.write(file, content);

        // when
        InvalidSpecException e = catchThrowableOfType(InvalidSpecException.class, () -> repository.load(file));

        // then
        assertThat(e.getMessage()).isEqualTo(file + ":2:4: not valid UTF-8 text (malformed byte at offset 11)");
    }

    @Test
    void should_refuse_binary_content_with_nul_bytes() throws IOException {
        // given
        byte[] content = {'n', 'a', 'm', 'e', ':', 0, 1, 2, '\n'};
        Path file = dir.resolve("binary.prompt.yml");
        Files.write(file, content);

        // when
        InvalidSpecException e = catchThrowableOfType(InvalidSpecException.class, () -> repository.load(file));

        // then
        assertThat(e.getMessage()).startsWith(file + ":1:6: binary content (NUL byte at offset 5)");
    }

    @Test
    void should_refuse_deeply_nested_yaml() {
        // given
        String yaml = "name: " + "[".repeat(5000) + "]".repeat(5000) + "\n";

        // when
        InvalidSpecException e = catchThrowableOfType(InvalidSpecException.class,
                () -> repository.parse("deep.prompt.yml", yaml.getBytes(StandardCharsets.UTF_8)));

        // then
        assertThat(e.getMessage()).startsWith("deep.prompt.yml").contains("nested too deeply");
    }

    @Test
    void should_refuse_binary_tagged_values() {
        // given
        String yaml = "name: !!binary aGVsbG8=\nmessages: []\n";

        // when
        InvalidSpecException e = catchThrowableOfType(InvalidSpecException.class,
                () -> repository.parse("tag.prompt.yml", yaml.getBytes(StandardCharsets.UTF_8)));

        // then
        assertThat(e.getMessage()).startsWith("tag.prompt.yml:1:7: unsupported YAML value");
    }

    @Test
    void should_accept_a_utf8_byte_order_mark() {
        // given
        byte[] body = "name: bom\nmessages:\n  - role: user\n    content: hi\n".getBytes(StandardCharsets.UTF_8);
        byte[] content = new byte[body.length + 3];
        content[0] = (byte) 0xEF;
        content[1] = (byte) 0xBB;
        content[2] = (byte) 0xBF;
        System.arraycopy(body, 0, content, 3, body.length);

        // when / then
        assertThat(repository.parse("bom.prompt.yml", content).spec().name()).isEqualTo("bom");
    }

    private Path write(String name, String text) throws IOException {
        Path file = dir.resolve(name);
        Files.writeString(file, text);
        return file;
    }
}
