package dev.idem.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.idem.cli.CliRunner.Result;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** A test row that cannot run fails validation, and in an evaluation it is one case's error: the others run. */
class RowErrorsCliTest {

    private static final String SPEC = """
            name: topics
            messages:
              - role: user
                content: "Tell me about {{topic}}"
            testData:
              - topic: Kafka
              - name: forgotten
                topc: Redis
              - topic: SQLite
            """;

    @RegisterExtension
    final LocalHttpServer server = new LocalHttpServer();

    @TempDir
    Path work;

    @BeforeEach
    void writeSpec() throws Exception {
        Files.writeString(work.resolve("s.prompt.yml"), SPEC);
    }

    private Result cli(String... args) {
        return CliRunner.run(work, ChatCompletions.environment(server), args);
    }

    @Test
    void should_fail_validation_but_evaluate_the_other_rows_reporting_the_row_that_lacks_a_value_as_an_error()
            throws Exception {
        // given
        server.replyWith("about it");
        server.replyWith("about it");

        // when
        Result validated = cli("validate", "s.prompt.yml");
        Result r = cli("eval", "s.prompt.yml", "--provider", "openai", "-j", "1", "--report-json", "-");

        // then
        assertThat(validated.code()).as(validated.toString()).isEqualTo(2);
        assertThat(validated.err()).contains("s.prompt.yml:7:5: error: testData[1]: missing value for placeholder "
                + "'{{topic}}'");
        assertThat(validated.out()).startsWith("invalid s.prompt.yml (topics): 1 error");
        assertThat(r.code()).as(r.toString()).isEqualTo(1);
        assertThat(server.getRequestCount()).isEqualTo(2);
        // the whole reason, wrapped under the row within 120 columns
        assertThat(r.err().lines()).allSatisfy(l -> assertThat(l.length()).isLessThanOrEqualTo(120));
        assertThat(r.err().replaceAll("\\R {9}", " ")).contains("ERROR  forgotten")
                .contains("not run: the row is invalid: ")
                .contains("testData[1]: missing value for placeholder '{{topic}}'");
        assertThat(r.err().lines().filter(l -> l.startsWith("PASS "))).hasSize(2);
        JsonNode report = new ObjectMapper().readTree(r.out());
        assertThat(report.at("/idem/errors").asInt()).as(r.out()).isEqualTo(1);
        assertThat(report.at("/idem/passed").asInt()).isEqualTo(2);
        assertThat(report.at("/testResults/1/status").asText()).isEqualTo("error");
        assertThat(report.at("/testResults/1/error").asText()).contains("missing value for placeholder '{{topic}}'");
    }
}
