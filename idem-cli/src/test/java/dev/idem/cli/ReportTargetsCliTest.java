package dev.idem.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.idem.cli.CliRunner.Result;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import okhttp3.mockwebserver.MockWebServer;
import okhttp3.mockwebserver.QueueDispatcher;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Reports on stdout and in places that are not plain files, as a CI job names them. */
class ReportTargetsCliTest {

    private static final String SPEC = CliRunner.FLAGSHIP;

    @TempDir
    Path work;

    private Result eval(String... extra) {
        String[] args = new String[2 + extra.length];
        args[0] = "eval";
        args[1] = SPEC;
        System.arraycopy(extra, 0, args, 2, extra.length);
        return CliRunner.run(work, Map.of("IDEM_STORE", "memory:"), args);
    }

    @Test
    void should_print_only_the_json_report_on_stdout_for_dash_and_the_console_output_on_stderr() throws Exception {
        // when
        Result r = eval("--report-json", "-");

        // then stdout is exactly one JSON document, and the header, rows and summary went to stderr
        assertThat(r.code()).as(r.toString()).isEqualTo(1);
        JsonNode report = new ObjectMapper().readTree(r.out());
        assertThat(report.path("summary").path("totalTests").asInt()).isEqualTo(2);
        assertThat(r.err()).contains("provider  builtin").contains("pass rate")
                .contains("idem: wrote json report to stdout");
        assertThat(work.resolve("-")).doesNotExist();
    }

    @Test
    void should_treat_dev_stdout_as_stdout() throws Exception {
        // when
        Result r = eval("--report-junit", "/dev/stdout");

        // then
        assertThat(r.out()).startsWith("<?xml").contains("<testsuite");
        assertThat(r.err()).contains("idem: wrote junit report to stdout").doesNotContain("/dev/stdout");
    }

    @Test
    void should_keep_the_console_output_on_stdout_when_reports_go_to_files() {
        // when
        Result r = eval("--report-md", "out.md");

        // then
        assertThat(r.out()).contains("provider  builtin");
        assertThat(r.err()).contains("idem: wrote md report " + work.resolve("out.md"));
        assertThat(work.resolve("out.md")).isRegularFile();
    }

    @Test
    void should_exit_2_before_any_model_call_when_a_report_path_is_a_directory() throws Exception {
        // given a provider that would be called, and a directory where the report should go
        Files.createDirectory(work.resolve("reports"));
        try (MockWebServer server = new MockWebServer()) {
            // a request, should one slip through, is answered at once instead of waiting for a scripted reply
            QueueDispatcher dispatcher = new QueueDispatcher();
            dispatcher.setFailFast(true);
            server.setDispatcher(dispatcher);
            server.start();
            Map<String, String> env = Map.of("IDEM_STORE", "memory:", "OPENAI_API_KEY", "sk-test",
                    "OPENAI_BASE_URL", server.url("/v1").toString());

            // when
            Result r = CliRunner.run(work, env, "eval", SPEC, "--provider", "openai", "--report-html", "reports");

            // then
            assertThat(r.code()).as(r.toString()).isEqualTo(2);
            assertThat(r.err().lines()).hasSize(1);
            assertThat(r.err()).startsWith("idem: error: --report-html: ").contains("is a directory");
            assertThat(server.getRequestCount()).as("requests sent").isZero();
        }
        assertThat(work.resolve("reports")).isEmptyDirectory();
    }

    @Test
    void should_exit_2_when_two_reports_name_stdout() {
        // when
        Result r = eval("--report-json", "-", "--report-md", "-");

        // then
        assertThat(r.code()).as(r.toString()).isEqualTo(2);
        assertThat(r.err()).startsWith("idem: error: only one report can go to stdout");
        assertThat(r.out()).isEmpty();
    }

    @Test
    void should_write_through_a_symlinked_report_path_and_keep_the_link() throws Exception {
        // given
        Files.createDirectory(work.resolve("runs"));
        Path link = Files.createSymbolicLink(work.resolve("latest.json"), Path.of("runs", "today.json"));

        // when
        Result r = eval("--report-json", "latest.json", "--quiet");

        // then
        assertThat(r.code()).as(r.toString()).isEqualTo(1);
        assertThat(Files.isSymbolicLink(link)).isTrue();
        assertThat(new ObjectMapper().readTree(work.resolve("runs/today.json").toFile()).has("testResults")).isTrue();
    }

    @Test
    void should_print_the_summary_and_the_reports_written_before_one_that_cannot_be_written() throws Exception {
        // given a regular file where the html report's directory should be
        Files.writeString(work.resolve("not-a-dir"), "x");

        // when
        Result r = eval("--report-json", "ok.json", "--report-html", "not-a-dir/out.html");

        // then the summary, the json report and its line are there, then one error line, exit 3
        assertThat(r.code()).as(r.toString()).isEqualTo(3);
        assertThat(r.out()).contains("pass rate");
        assertThat(work.resolve("ok.json")).isRegularFile();
        assertThat(r.err().lines()).containsExactly("idem: wrote json report " + work.resolve("ok.json"),
                "idem: error: cannot write report " + work.resolve("not-a-dir/out.html") + ": Not a directory: "
                        + work.resolve("not-a-dir/out.html"));
    }
}
