package dev.idem.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.idem.cli.CliRunner.Result;
import dev.idem.testkit.RedisServerProcess;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * What a user sees when the execution store misbehaves in the middle of an evaluation (a real redis-server killed
 * or paused, a SQLite file deleted) or cannot be a store at all: the reports of what finished, one line, and the
 * right exit code.
 */
@Timeout(120)
class StoreTroubleCliTest {

    @TempDir
    Path work;

    private CompletionServer server;
    private RedisServerProcess redis;

    @BeforeEach
    void start() throws Exception {
        server = new CompletionServer();
    }

    @AfterEach
    void stop() throws Exception {
        server.close();
        if (redis != null) {
            redis.close();
        }
    }

    private Result eval(String store) throws Exception {
        return eval(store, 2);
    }

    private Result eval(String store, int jobs) throws Exception {
        Path spec = CompletionServer.spec(work, 30);
        return CliRunner.run(work, server.openAiEnvironment(), "eval", spec.toString(), "--provider", "openai",
                "-j", Integer.toString(jobs), "--store", store, "--report-json", work.resolve("report.json").toString());
    }

    private JsonNode report() throws Exception {
        return new ObjectMapper().readTree(work.resolve("report.json").toFile());
    }

    private static long count(JsonNode report, String status) {
        return StreamSupport.stream(report.get("testResults").spliterator(), false)
                .filter(r -> r.get("status").asText().equals(status)).count();
    }

    @Test
    void should_write_the_reports_of_what_finished_and_exit_3_when_redis_is_killed_mid_eval() throws Exception {
        // given a real redis-server that is killed when the sixth model request arrives
        redis = RedisServerProcess.start();
        server.taking(Duration.ofMillis(20)).onRequest(6, redis::kill);
        // when
        Result r = eval(redis.uri(0) + "?retryFor=1s");
        // then the cases that finished are reported, the rest are errors, and the run says why in one line
        assertThat(r.code()).as(r.toString()).isEqualTo(3);
        JsonNode report = report();
        assertThat(report.get("testResults")).hasSize(30);
        assertThat(count(report, "passed")).isBetween(4L, 8L);
        assertThat(count(report, "passed") + count(report, "error")).isEqualTo(30);
        assertThat(report.get("idem").get("stopped").get("cause").asText()).isEqualTo("store_unavailable");
        assertThat(r.out()).contains("| passed");
        assertThat(r.err()).contains("idem: wrote json report");
        assertThat(r.err().lines().filter(l -> l.startsWith("idem: error: ")).toList()).singleElement()
                .satisfies(line -> assertThat(line)
                        .startsWith("idem: error: Redis at " + redis.uri(0) + " did not answer for 1 s")
                        .contains("cases not run (the summary and reports show the cases that finished)"));
        assertThat(r.err()).doesNotContain("\tat ");
        assertThat(server.requests()).isLessThan(12);
    }

    @Test
    void should_print_nothing_but_idem_lines_on_stderr_when_redis_dies_under_a_real_process() throws Exception {
        // given a real idem process on a real redis-server that is killed when the sixth request arrives
        redis = RedisServerProcess.start();
        server.taking(Duration.ofMillis(20)).onRequest(6, redis::kill);
        Path spec = CompletionServer.spec(work, 30);
        try (IdemProcess idem = IdemProcess.start(work, server.openAiEnvironment(), "eval", spec.toString(),
                "--provider", "openai", "-j", "2", "--store", redis.uri(0) + "?retryFor=2s", "--report-json",
                work.resolve("report.json").toString())) {
            // when
            int exit = idem.exitCode(60);
            // then the client library's reconnection chatter stays out of the user's terminal
            assertThat(exit).as(idem.err()).isEqualTo(3);
            assertThat(idem.err().lines()).isNotEmpty().allSatisfy(line -> assertThat(line).startsWith("idem: "));
            assertThat(count(report(), "passed")).isPositive();
        }
    }

    @Test
    void should_finish_every_case_when_redis_pauses_mid_eval() throws Exception {
        // given a real redis-server paused (SIGSTOP) for 2 s from the fifth request on, and commands that time out
        // after 300 ms, so every operation in that window is sent again
        redis = RedisServerProcess.start();
        server.onRequest(5, () -> {
            redis.pause();
            Thread resume = new Thread(() -> {
                sleep(Duration.ofSeconds(2));
                redis.resume();
            });
            resume.start();
        });
        // when
        Result r = eval(redis.uri(0) + "?timeout=300ms&retryFor=20s");
        // then
        assertThat(r.code()).as(r.toString()).isZero();
        assertThat(count(report(), "passed")).isEqualTo(30);
        assertThat(server.requests()).isEqualTo(30);
    }

    @Test
    void should_stop_with_exit_3_when_the_sqlite_store_is_deleted_mid_eval() throws Exception {
        // given a store file that someone deletes when the fourth request arrives
        Path store = work.resolve(".idem/store.db");
        server.onRequest(4, () -> {
            for (String suffix : new String[] {"", "-wal", "-shm"}) {
                try {
                    Files.deleteIfExists(store.resolveSibling("store.db" + suffix));
                } catch (java.io.IOException e) {
                    throw new IllegalStateException(e);
                }
            }
        });
        // when
        Result r = eval("sqlite:" + store, 1);
        // then
        assertThat(r.code()).as(r.toString()).isEqualTo(3);
        assertThat(r.err().lines().filter(l -> l.startsWith("idem: error: ")).toList()).singleElement()
                .satisfies(line -> assertThat(line).contains("store sqlite:" + store + " was deleted while idem"
                        + " was using it"));
        assertThat(count(report(), "passed")).isBetween(3L, 4L);
        assertThat(server.requests()).isEqualTo(4);
    }

    @ParameterizedTest
    @ValueSource(strings = {"sqlite:/dev/null", "sqlite:file::memory:?cache=shared", "sqlite::memory:",
            "redis://127.0.0.1:port/0", "redis://127.0.0.1:6379/abc", "sqlite:DIR"})
    void should_exit_2_before_any_model_call_when_the_store_uri_cannot_name_a_store(String store) throws Exception {
        // when
        Result r = eval(store.replace("DIR", work.toString()));
        // then
        assertThat(r.code()).as(r.toString()).isEqualTo(2);
        assertThat(r.err().lines()).singleElement().satisfies(line -> assertThat(line).startsWith("idem: error: "));
        assertThat(server.requests()).isZero();
        assertThat(Path.of("/dev/null-journal")).doesNotExist();
        assertThat(work.resolve("file::memory:")).doesNotExist();
    }

    @Test
    void should_exit_2_naming_the_database_when_redis_does_not_have_it() throws Exception {
        // given a server with the default 16 databases
        redis = RedisServerProcess.start();
        // when
        Result r = eval(redis.uri(20).toString());
        // then
        assertThat(r.code()).as(r.toString()).isEqualTo(2);
        assertThat(r.err()).startsWith("idem: error: Redis at " + redis.uri(20) + " has no database 20: ")
                .doesNotContain("cannot reach");
        assertThat(server.requests()).isZero();
    }

    @Test
    void should_use_a_store_path_with_a_space_in_it() throws Exception {
        // when
        Result r = eval("sqlite:" + work.resolve("my stores/store.db"));
        // then
        assertThat(r.code()).as(r.toString()).isZero();
        assertThat(work.resolve("my stores/store.db")).isRegularFile();
    }

    @Test
    void should_forget_a_rejection_after_the_failure_ttl_and_let_a_no_cache_success_replace_it() throws Exception {
        // given a request the provider rejects
        Map<String, String> env = new HashMap<>(server.openAiEnvironment());
        env.put("IDEM_STORE", "sqlite:" + work.resolve("store.db"));
        String[] run = {"run", CliRunner.FLAGSHIP,
                "--provider", "openai", "--var", "system_context=x", "--var", "failure_scenarios=y"};
        server.failingWith(400, "This model's maximum context length is 8192 tokens");
        Result rejected = CliRunner.run(work, env, run);
        // when the provider accepts it again, and the same call is made within the failure TTL, then with --no-cache,
        // then as usual
        server.answering();
        Result remembered = CliRunner.run(work, env, run);
        Result fresh = CliRunner.run(work, env, concat(run, "--no-cache"));
        Result replayed = CliRunner.run(work, env, run);
        // then the rejection is remembered (no request), --no-cache makes the call and stores its reply, and the
        // next run replays that reply rather than the old rejection
        assertThat(rejected.code()).as(rejected.toString()).isEqualTo(2);
        assertThat(remembered.code()).as(remembered.toString()).isEqualTo(2);
        assertThat(remembered.err()).contains("failed moments ago and is remembered until");
        assertThat(fresh.code()).as(fresh.toString()).isZero();
        assertThat(replayed.code()).as(replayed.toString()).isZero();
        assertThat(replayed.out()).isEqualTo(fresh.out());
        assertThat(replayed.err()).contains("replayed");
        assertThat(server.requests()).isEqualTo(2);
    }

    private static String[] concat(String[] args, String... more) {
        String[] all = new String[args.length + more.length];
        System.arraycopy(args, 0, all, 0, args.length);
        System.arraycopy(more, 0, all, args.length, more.length);
        return all;
    }

    private static void sleep(Duration d) {
        try {
            Thread.sleep(d.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
