package dev.idem.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Replies, prompts and messages are Unicode whatever the locale: under the POSIX locale (what a CI container or a
 * cron job usually has) the JVM's own standard streams are ASCII and print every other character as '?', so a
 * reply redirected to a file would be silently corrupted. A real process, its locale set to C.
 */
class Utf8OutputCliTest {

    @TempDir
    Path work;

    @Test
    void should_print_unicode_in_utf8_under_the_posix_locale() throws Exception {
        // given a spec whose message is not ASCII, and a process in the C locale
        Files.writeString(work.resolve("s.prompt.yml"),
                "name: s\nmessages:\n  - role: user\n    content: \"Zahlungsdienst für Überweisungen — {{x}} ✓\"\n");

        // when it is rendered
        try (IdemProcess idem = IdemProcess.start(work, Map.of("LC_ALL", "C", "LANG", "C", "IDEM_STORE", "memory:"),
                "render", "s.prompt.yml", "--var", "x=ok")) {
            int code = idem.exitCode(60);

            // then stdout holds the message's characters as UTF-8, none replaced by '?'
            assertThat(code).as(idem.err()).isZero();
            assertThat(idem.out()).contains("Zahlungsdienst für Überweisungen — ok ✓").doesNotContain("?");
        }
    }

    @Test
    void should_print_diagnostics_in_utf8_under_the_posix_locale() throws Exception {
        // given a spec with a key idem does not know, spelt in German
        Files.writeString(work.resolve("s.prompt.yml"),
                "name: s\nschlüssel: 1\nmessages:\n  - role: user\n    content: \"{{x}}\"\n");

        // when it is validated in the C locale
        try (IdemProcess idem = IdemProcess.start(work, Map.of("LC_ALL", "C", "LANG", "C", "IDEM_STORE", "memory:"),
                "validate", "s.prompt.yml")) {
            idem.exitCode(60);

            // then what idem says about the key keeps its characters
            assertThat(idem.out() + idem.err()).contains("schlüssel");
        }
    }
}
