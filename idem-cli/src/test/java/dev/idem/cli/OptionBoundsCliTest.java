package dev.idem.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.idem.cli.CliRunner.Result;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import okhttp3.mockwebserver.MockWebServer;
import okhttp3.mockwebserver.QueueDispatcher;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Every numeric and duration option is checked against clear bounds before anything is sent: a value out of
 * range is one line and exit 2, with no model call (a real OpenAI-protocol server counts the requests).
 */
class OptionBoundsCliTest {

    @TempDir
    Path work;

    @ParameterizedTest(name = "{0} {1}")
    @CsvSource(delimiter = '|', value = {
        "--cache-ttl      | 106751991167300d          | --cache-ttl: '106751991167300d' is too long (at most 3650d)",
        "--cache-ttl      | 3651d                     | at most 3650d",
        "--cache-ttl      | 99999999999999999999999d  | --cache-ttl: '99999999999999999999999d' is too long",
        "--timeout        | 9999999999999d            | --timeout: '9999999999999d' is too long (at most 1d)",
        "--timeout        | P9999999999999D           | --timeout: 'P9999999999999D' is too long",
        "--timeout        | 0s                        | is not a positive duration",
        "--retry-deadline | 25h                       | --retry-deadline: '25h' is too long (at most 1d)",
        "--max-attempts   | 101                       | --max-attempts must be within 1..100",
        "--max-attempts   | 0                         | --max-attempts must be within 1..100",
        "--min-pass-rate  | NaN                       | --min-pass-rate must be a number within 0..1",
        "--min-pass-rate  | Infinity                  | --min-pass-rate must be a number within 0..1",
        "--min-pass-rate  | -0.1                      | --min-pass-rate must be a number within 0..1",
        "-j               | 100000                    | -j must be within 1..1024",
        "--repeat         | 2000000000                | --repeat must be within 1..1000",
    })
    void should_exit_2_before_any_model_call_when_an_option_is_out_of_bounds(String option, String value,
                                                                             String message) throws Exception {
        try (MockWebServer server = new MockWebServer()) {
            // a request, should one slip through, is answered at once instead of waiting for a scripted reply
            QueueDispatcher dispatcher = new QueueDispatcher();
            dispatcher.setFailFast(true);
            server.setDispatcher(dispatcher);
            server.start();
            List<String> args = new ArrayList<>(List.of("eval", CliRunner.ROOT.resolve(
                    "prompts/idempotency-architect.prompt.yml").toString(), "--provider", "openai"));
            args.add(option);
            args.add(value);

            // when
            Result r = CliRunner.run(work, Map.of("IDEM_STORE", "memory:", "OPENAI_API_KEY", "sk-test",
                    "OPENAI_BASE_URL", server.url("/v1").toString()), args.toArray(String[]::new));

            // then
            assertThat(r.code()).as(r.toString()).isEqualTo(2);
            assertThat(r.err().lines()).as(r.toString()).hasSize(1);
            assertThat(r.err()).startsWith("idem: error: ").contains(message).doesNotContain("Exception");
            assertThat(server.getRequestCount()).as("requests sent").isZero();
        }
    }
}
