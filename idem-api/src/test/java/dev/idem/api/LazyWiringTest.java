package dev.idem.api;

import static org.assertj.core.api.Assertions.assertThat;

import dev.idem.port.in.EvaluationResult;
import dev.idem.port.out.ReportWriter;
import java.io.OutputStream;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What only one use case needs is made when it is first used: a design, the most common cold start, never makes
 * the report writers an evaluation uses (a JSON mapper with its date formats, an XML output factory).
 */
class LazyWiringTest {

    @BeforeEach
    void reset() {
        CountingReportWriter.MADE.set(0);
    }

    @Test
    void should_make_no_report_writer_for_a_design() {
        // given an Idem with the built-in architect
        try (Idem idem = Idem.builder().ignoreEnvironment().build()) {
            // when it designs
            idem.architect().design("REST APIs behind a gateway plus Kafka consumers",
                    "gateway timeouts and consumer rebalances");
            // then no report writer was made
            assertThat(CountingReportWriter.MADE).hasValue(0);
        }
    }

    @Test
    void should_make_the_report_writers_once_for_an_evaluation() {
        // given an Idem with the built-in architect
        try (Idem idem = Idem.builder().ignoreEnvironment().build()) {
            // when its evaluator is asked for, twice
            idem.evaluator();
            idem.evaluator();
            // then the writers were made once
            assertThat(CountingReportWriter.MADE).hasValue(1);
        }
    }

    /** A report writer registered for these tests (META-INF/services), counting the instances made. */
    public static final class CountingReportWriter implements ReportWriter {
        static final AtomicInteger MADE = new AtomicInteger();

        public CountingReportWriter() {
            MADE.incrementAndGet();
        }

        @Override
        public String format() {
            return "counting-test";
        }

        @Override
        public void write(EvaluationResult result, Path target) {
            throw new UnsupportedOperationException("never written");
        }

        @Override
        public void write(EvaluationResult result, OutputStream out) {
            throw new UnsupportedOperationException("never written");
        }
    }
}
