package dev.idem.application;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.idem.adapter.memory.InMemoryExecutionStore;
import dev.idem.domain.evaluation.RegexBudget;
import dev.idem.domain.evaluation.Verdict;
import dev.idem.domain.execution.RandomSource;
import dev.idem.domain.spec.PromptSpec;
import dev.idem.domain.spec.RegexEvaluatorSpec;
import dev.idem.domain.spec.TestCase;
import dev.idem.domain.template.Role;
import dev.idem.port.in.Vocabulary;
import dev.idem.port.in.Cancellation;
import dev.idem.port.in.CaseResult;
import dev.idem.port.in.EvaluateSpecUseCase;
import dev.idem.port.in.EvaluateSpecUseCase.EvaluateSpecCommand;
import dev.idem.port.in.EvaluationResult;
import dev.idem.port.in.ExecutionOptions;
import dev.idem.port.in.ModelChoice;
import dev.idem.port.in.ReportNotWrittenException;
import dev.idem.port.in.ReportTarget;
import dev.idem.port.in.SpecInput;
import dev.idem.port.in.UnknownProviderException;
import dev.idem.port.out.GatewaySettings;
import dev.idem.port.out.ReportWriter;
import dev.idem.testkit.FixedGatewayProvider;
import dev.idem.testkit.InMemorySpecRepository;
import dev.idem.testkit.MutableClock;
import dev.idem.testkit.RecordingReportWriter;
import dev.idem.testkit.ScriptedModelGateway;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** An evaluation writes the reports its command names, once its cases are done, whatever stopped them. */
class EvaluateSpecReportsTest {

    private final MutableClock clock = MutableClock.atDefaultStart();
    private final IdempotentExecutor executor = new IdempotentExecutor(new InMemoryExecutionStore(clock), clock,
            RandomSource.seeded(3), clock::advance, "test-owner", Duration.ofSeconds(15));
    private final ScriptedModelGateway gateway = new ScriptedModelGateway("openai").replying(r -> "an answer.");
    private final RecordingReportWriter json = RecordingReportWriter.of("json");
    private final RecordingReportWriter md = RecordingReportWriter.of("md");
    private final RecordingReportWriter html = RecordingReportWriter.failing("html");
    private final EvaluateSpecService service = new EvaluateSpecService(
            new SpecResolver(InMemorySpecRepository.empty()),
            new ModelGateways(List.of(new FixedGatewayProvider("openai", gateway)), GatewaySettings.of(Map.of())),
            executor, new EvaluatorFactory(() -> {
                throw new AssertionError("no rubric in these specs");
            }, (text, schema) -> Verdict.pass("json not used"), RegexBudget.of(clock),
            Vocabulary.commandLine()),
            Providers.of("report format", List.<ReportWriter>of(json, md, html), w -> List.of(w.format())), clock);
    private final List<String> told = new CopyOnWriteArrayList<>();
    private final EvaluateSpecUseCase.Progress progress = new EvaluateSpecUseCase.Progress() {
        @Override
        public void caseFinished(CaseResult result) {
            told.add("case");
        }

        @Override
        public void finished(EvaluationResult result) {
            told.add("finished");
        }

        @Override
        public void reportWritten(ReportTarget target) {
            told.add("wrote " + target.format());
        }
    };

    @AfterEach
    void tearDown() {
        executor.close();
    }

    private static PromptSpec spec(int rows) {
        return PromptSpec.builder("reported").model("gpt-4o-mini").message(Role.USER, "Question: {{question}}")
                .evaluator(RegexEvaluatorSpec.of("ends-with-period", "\\.$"))
                .testData(IntStream.rangeClosed(1, rows).mapToObj(n -> TestCase.of(n, Map.of("question", "q" + n)))
                        .toList())
                .build();
    }

    private EvaluateSpecCommand command(PromptSpec spec, Cancellation cancellation, ReportTarget... reports) {
        return new EvaluateSpecCommand(SpecInput.of(spec), ModelChoice.of("openai"), Optional.empty(), 1, 1,
                Optional.empty(), Optional.empty(), ExecutionOptions.defaults(), progress, cancellation,
                List.of(reports));
    }

    @Test
    void should_write_each_report_after_the_cases_in_the_order_asked() {
        // given a report to a file and one to a stream
        ByteArrayOutputStream stdout = new ByteArrayOutputStream();

        // when
        service.evaluate(command(spec(2), new Cancellation(), ReportTarget.file("json", Path.of("out.json")),
                ReportTarget.stream("md", stdout)));

        // then the result came first, then each report, in order
        assertThat(told).containsExactly("case", "case", "finished", "wrote json", "wrote md");
        assertThat(json.written()).containsExactly("out.json");
        assertThat(stdout.toString(StandardCharsets.UTF_8)).isEqualTo("reported 2 cases\n");
    }

    @Test
    void should_refuse_a_format_without_a_writer_before_any_model_call() {
        // when / then
        assertThatThrownBy(() -> service.evaluate(command(spec(2), new Cancellation(),
                ReportTarget.file("pdf", Path.of("out.pdf")))))
                .isInstanceOf(UnknownProviderException.class)
                .hasMessage("unknown report format 'pdf' (available: html, json, md)");
        assertThat(gateway.calls()).isZero();
    }

    @Test
    void should_write_the_reports_of_an_evaluation_stopped_before_any_case() {
        // given an evaluation cancelled before it starts
        Cancellation cancellation = new Cancellation();
        cancellation.cancel("interrupted by SIGTERM");

        // when
        EvaluationResult result = service.evaluate(command(spec(3), cancellation,
                ReportTarget.file("json", Path.of("out.json"))));

        // then the report of the stopped run is written
        assertThat(result.stopped()).isPresent();
        assertThat(json.written()).containsExactly("out.json");
        assertThat(told).endsWith("finished", "wrote json");
    }

    @Test
    void should_stop_at_a_report_that_cannot_be_written_after_writing_the_ones_before() {
        // when
        assertThatThrownBy(() -> service.evaluate(command(spec(1), new Cancellation(),
                ReportTarget.file("json", Path.of("out.json")), ReportTarget.file("html", Path.of("out.html")),
                ReportTarget.file("md", Path.of("out.md")))))
                // then
                .isInstanceOf(ReportNotWrittenException.class)
                .hasMessage("cannot write report out.html: no space left on device");
        assertThat(json.written()).containsExactly("out.json");
        assertThat(md.written()).isEmpty();
        assertThat(told).endsWith("finished", "wrote json");
    }
}
