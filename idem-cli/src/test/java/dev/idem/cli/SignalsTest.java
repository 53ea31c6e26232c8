package dev.idem.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.idem.api.Idem;
import dev.idem.port.in.InspectStoreUseCase.InspectStoreCommand;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * SIGINT and SIGTERM sent to a real idem process (a child JVM running {@link Main}) in the middle of its work:
 * the exit code says which signal, the claims on calls in flight are given back, and an evaluation prints its
 * summary and writes its reports for what finished.
 */
@Timeout(120)
class SignalsTest {

    @TempDir
    Path work;

    private CompletionServer server;
    private IdemProcess child;

    @BeforeEach
    void start() throws Exception {
        server = new CompletionServer();
    }

    @AfterEach
    void stop() throws Exception {
        if (child != null) {
            child.close();
        }
        server.close();
    }

    @Test
    void should_print_the_summary_write_the_report_give_back_claims_and_exit_130_on_sigint() throws Exception {
        evaluateThenSignal("INT", 130);
    }

    @Test
    void should_print_the_summary_write_the_report_give_back_claims_and_exit_143_on_sigterm() throws Exception {
        evaluateThenSignal("TERM", 143);
    }

    private void evaluateThenSignal(String signal, int expectedExit) throws Exception {
        // given an evaluation of 40 cases, two at a time, against a server that takes 300 ms per reply
        server.taking(Duration.ofMillis(300));
        Path spec = CompletionServer.spec(work, 40);
        child = idem("eval", spec.toString(), "--provider", "openai", "-j", "2", "--store", store(),
                "--report-json", work.resolve("report.json").toString());
        awaitRequests(6);

        // when the signal arrives while two calls are in flight
        child.signal(signal);

        // then
        int exit = child.exitCode(30);
        String out = child.out();
        String err = child.err();
        assertThat(exit).as(out + err).isEqualTo(expectedExit);
        assertThat(out).contains("| passed").contains("calls / replayed");
        assertThat(err).contains("idem: SIG" + signal + ": finishing the cases in flight")
                .containsPattern("idem: interrupted by SIG" + signal + ": \\d+ of 40 cases not run")
                .contains("idem: wrote json report")
                .doesNotContain("\tat ");
        JsonNode report = new ObjectMapper().readTree(work.resolve("report.json").toFile());
        assertThat(report.get("testResults")).hasSize(40);
        assertThat(report.get("idem").get("passed").asInt()).isBetween(4, 12);
        assertThat(report.get("idem").get("stopped").get("cause").asText()).isEqualTo("cancelled");
        assertThat(inProgressClaims()).as("claims left for the next run to wait out").isZero();
        assertThat(server.requests()).isLessThan(20);
    }

    @Test
    void should_give_back_the_claim_and_exit_143_at_once_when_a_run_gets_sigterm() throws Exception {
        // given a single run whose reply takes a minute
        server.taking(Duration.ofSeconds(60));
        child = idem("run", CliRunner.FLAGSHIP,
                "--provider", "openai", "--var", "system_context=x", "--var", "failure_scenarios=y", "--store",
                store());
        awaitRequests(1);

        // when
        long sent = System.nanoTime();
        child.signal("TERM");

        // then
        int exit = child.exitCode(20);
        assertThat(Duration.ofNanos(System.nanoTime() - sent)).isLessThan(Duration.ofSeconds(10));
        assertThat(exit).as(child.err()).isEqualTo(143);
        assertThat(child.err()).contains("idem: interrupted by SIGTERM (claims on calls in flight were given back)");
        assertThat(inProgressClaims()).isZero();
    }

    private String store() {
        return "sqlite:" + work.resolve("store.db");
    }

    private long inProgressClaims() {
        try (Idem idem = Idem.builder().store(store()).build()) {
            return idem.storeInspector().inspect(new InspectStoreCommand()).inProgress();
        }
    }

    private IdemProcess idem(String... args) throws IOException {
        return IdemProcess.start(work, server.openAiEnvironment(), args);
    }

    private void awaitRequests(int n) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (server.requests() < n) {
            assertThat(child.isAlive()).as("idem still running: " + child.err()).isTrue();
            assertThat(System.nanoTime()).as("requests seen in time").isLessThan(deadline);
            Thread.sleep(20);
        }
    }
}
