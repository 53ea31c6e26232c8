package dev.idem.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.idem.cli.CliRunner.Result;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;
import okhttp3.mockwebserver.MockResponse;
import okhttp3.mockwebserver.MockWebServer;
import okhttp3.mockwebserver.RecordedRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The project's {@code .idem/config.properties}: found from a subdirectory, named with {@code --config}, holding
 * provider settings under the environment and the options, warning about misspelt keys; and one store per project.
 */
class ProjectConfigCliTest {

    private static final String OK_BODY = "{\"id\":\"c\",\"object\":\"chat.completion\",\"created\":1,\"model\":\"m\","
            + "\"choices\":[{\"index\":0,\"message\":{\"role\":\"assistant\",\"content\":\"hi\"},"
            + "\"finish_reason\":\"stop\"}],\"usage\":{\"prompt_tokens\":1,\"completion_tokens\":1,\"total_tokens\":2}}";

    private final MockWebServer server = new MockWebServer();

    @TempDir
    Path work;

    private Path project;
    private Path deep;

    @BeforeEach
    void setUp() throws Exception {
        server.start();
        project = Files.createDirectories(work.resolve("project"));
        deep = Files.createDirectories(project.resolve("services/payments"));
        Files.writeString(project.resolve("hi.prompt.yml"), "name: hi\nmodel: spec-model\nmessages:\n"
                + "  - role: user\n    content: hello\n");
    }

    @AfterEach
    void stop() throws Exception {
        server.shutdown();
    }

    private Path config(String text) throws Exception {
        Path file = Files.createDirectories(project.resolve(".idem")).resolve("config.properties");
        Files.writeString(file, text);
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
        return file;
    }

    private String url() {
        return server.url("/v1").toString();
    }

    private void answer() {
        server.enqueue(new MockResponse().setHeader("Content-Type", "application/json").setBody(OK_BODY));
    }

    @Test
    void should_use_the_projects_config_from_a_subdirectory() throws Exception {
        // given
        config("provider=openai\nOPENAI_BASE_URL=" + url() + "\nOPENAI_API_KEY=sk-from-file\nmodel=file-model\n");
        answer();

        // when
        Result r = CliRunner.run(deep, Map.of(), "run", "../../hi.prompt.yml");

        // then
        assertThat(r.code()).as(r.toString()).isZero();
        RecordedRequest request = server.takeRequest();
        assertThat(request.getHeader("Authorization")).isEqualTo("Bearer sk-from-file");
        assertThat(request.getBody().readUtf8()).contains("\"file-model\"");
    }

    @Test
    void should_let_the_environment_win_over_the_file_and_options_over_both() throws Exception {
        // given a file pointing at a closed port, the environment at the server
        config("provider=openai\nOPENAI_BASE_URL=http://127.0.0.1:9/v1\nOPENAI_API_KEY=sk-file\nmodel=file-model\n");
        answer();

        // when
        Result r = CliRunner.run(deep, Map.of("OPENAI_BASE_URL", url(), "OPENAI_API_KEY", "sk-env",
                "IDEM_MODEL", "env-model"), "run", "../../hi.prompt.yml", "--model", "option-model");

        // then
        assertThat(r.code()).as(r.toString()).isZero();
        RecordedRequest request = server.takeRequest();
        assertThat(request.getHeader("Authorization")).isEqualTo("Bearer sk-env");
        assertThat(request.getBody().readUtf8()).contains("\"option-model\"");
    }

    @Test
    void should_show_the_files_provider_settings_in_providers() throws Exception {
        // given
        config("OLLAMA_BASE_URL=http://gpu-box:11434\n");

        // when
        Result r = CliRunner.run(deep, Map.of(), "providers");

        // then
        assertThat(r.code()).as(r.toString()).isZero();
        assertThat(r.out()).contains("http://gpu-box:11434");
    }

    @Test
    void should_read_the_file_named_by_config_instead() throws Exception {
        // given a project config that would send the call elsewhere, and a file of one's own
        config("provider=openai\nOPENAI_BASE_URL=http://127.0.0.1:9/v1\n");
        Path mine = Files.writeString(work.resolve("ci.properties"), "provider=openai\nOPENAI_BASE_URL=" + url()
                + "\nOPENAI_API_KEY=sk-ci\n");
        answer();

        // when
        Result r = CliRunner.run(deep, Map.of("IDEM_STORE", "memory:"), "--config", mine.toString(), "run",
                "../../hi.prompt.yml");

        // then
        assertThat(r.code()).as(r.toString()).isZero();
        assertThat(server.takeRequest().getHeader("Authorization")).isEqualTo("Bearer sk-ci");
    }

    @Test
    void should_exit_2_when_the_file_named_by_config_does_not_exist() {
        // when
        Result r = CliRunner.run(work, Map.of(), "providers", "--config", "nope.properties");

        // then
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.err()).isEqualTo("idem: error: --config: " + work.resolve("nope.properties")
                + " does not exist" + System.lineSeparator());
    }

    @Test
    void should_warn_about_a_misspelt_key_with_the_key_meant() throws Exception {
        // given
        Path file = config("OLAMA_BASE_URL=http://gpu-box:11434\nprovdier=ollama\nIDEM_MODEL=x\nflavour=y\n");

        // when
        Result r = CliRunner.run(deep, Map.of(), "providers");
        Result quiet = CliRunner.run(deep, Map.of(), "providers", "--quiet");

        // then the command still runs; each unknown key is named once, with the key most likely meant
        assertThat(r.code()).as(r.toString()).isZero();
        assertThat(r.err().lines()).containsExactly(
                "idem: warning: " + file + ": unknown key 'IDEM_MODEL', ignored (did you mean 'model'?)",
                "idem: warning: " + file + ": unknown key 'OLAMA_BASE_URL', ignored (did you mean "
                        + "'OLLAMA_BASE_URL'?)",
                "idem: warning: " + file + ": unknown key 'flavour', ignored (idem knows provider, model, store, "
                        + "IDEM_MAX_RESPONSE_BYTES and the settings 'idem providers' lists)",
                "idem: warning: " + file + ": unknown key 'provdier', ignored (did you mean 'provider'?)");
        assertThat(quiet.err()).isEmpty();
    }

    @Test
    void should_warn_when_a_key_is_in_a_file_other_users_can_read() throws Exception {
        // given
        Path file = config("OPENAI_API_KEY=sk-shared\n");
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-r--r--"));

        // when
        Result r = CliRunner.run(deep, Map.of(), "providers");

        // then
        assertThat(r.err()).isEqualTo("idem: warning: " + file + " holds OPENAI_API_KEY and other users can read it "
                + "(chmod 600 " + file + ", and keep it out of version control)" + System.lineSeparator());
        assertThat(r.out()).doesNotContain("sk-shared");
    }

    @Test
    void should_keep_the_projects_store_when_run_from_a_subdirectory_and_say_where_it_was_created() throws Exception {
        // given a project marked by an (empty) config file
        config("");
        String[] design = {"design", "--system-context", "Kafka consumers", "--failure-scenarios", "rebalances"};

        // when
        Result first = CliRunner.run(deep, Map.of(), design);
        Result second = CliRunner.run(project, Map.of(), design);

        // then one store, the project's, announced once
        Path store = project.resolve(".idem/store.db");
        assertThat(first.code()).as(first.toString()).isZero();
        assertThat(store).exists();
        assertThat(deep.resolve(".idem")).doesNotExist();
        assertThat(first.err()).contains("idem: created the store " + store + " (the project's: idem uses it in "
                + project + " and below)");
        assertThat(second.err()).contains("replayed from the store").doesNotContain("created the store");
    }

    @Test
    void should_resolve_a_relative_store_in_the_file_against_the_project() throws Exception {
        // given
        config("store=sqlite:cache/idem.db\n");

        // when
        Result r = CliRunner.run(deep, Map.of(), "design", "--system-context", "SQS", "--failure-scenarios", "retries");

        // then
        assertThat(r.code()).as(r.toString()).isZero();
        assertThat(project.resolve("cache/idem.db")).exists();
        assertThat(deep.resolve("cache")).doesNotExist();
    }

    @Test
    void should_say_where_a_new_store_is_and_name_a_store_above_outside_a_project() throws Exception {
        // given a store left in a parent directory, and no config file anywhere
        Files.createDirectories(project.resolve(".idem"));
        Files.writeString(project.resolve(".idem/store.db"), "");

        // when
        Result r = CliRunner.run(deep, Map.of(), "store", "stats");

        // then the run does not silently take the parent's store, nor silently make a second one
        assertThat(r.code()).as(r.toString()).isZero();
        assertThat(r.err()).isEqualTo("idem: created the store " + deep.resolve(".idem/store.db") + " ("
                + project.resolve(".idem/store.db") + " is another; an empty "
                + project.resolve(".idem/config.properties") + " makes idem use that one here too)"
                + System.lineSeparator());
    }
}
