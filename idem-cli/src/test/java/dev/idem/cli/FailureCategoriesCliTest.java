package dev.idem.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.idem.domain.FailureCategory;
import dev.idem.domain.IdemFailure;
import dev.idem.port.in.ExecutionFailedException;
import dev.idem.port.out.RequestRejectedException;
import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The exit code of a failure is its category's, looked up, whatever its type: an exception idem adds later, which
 * the CLI has no words for, still exits with its category and is told by its own message, never as an internal
 * error.
 */
class FailureCategoriesCliTest {

    /** A failure of a type the CLI has never heard of. */
    private static final class NewFailure extends RuntimeException implements IdemFailure {
        private static final long serialVersionUID = 1L;
        private final FailureCategory category;

        NewFailure(FailureCategory category) {
            super("something new went wrong (do this)");
            this.category = category;
        }

        @Override
        public FailureCategory category() {
            return category;
        }
    }

    private final StringWriter err = new StringWriter();

    @ParameterizedTest
    @CsvSource({"USAGE, 2", "UNAVAILABLE, 3", "EVALUATION, 1", "INTERNAL, 4"})
    void should_exit_with_the_code_of_the_category_of_a_failure_type_it_does_not_know(FailureCategory category,
                                                                                   int code) {
        // when
        int exit = Cli.report(new NewFailure(category), new PrintWriter(err), false, provider -> "THE_KEY");

        // then
        assertThat(exit).isEqualTo(code);
        assertThat(err.toString())
                .isEqualTo("idem: error: something new went wrong (do this)" + System.lineSeparator());
    }

    @Test
    void should_take_the_category_of_the_provider_failure_behind_a_failed_execution() {
        // given a request the provider rejected, after two attempts
        ExecutionFailedException failed = new ExecutionFailedException(
                new RequestRejectedException("openai", "max_tokens is too large", null), 2);

        // when
        int exit = Cli.report(failed, new PrintWriter(err), false, provider -> "THE_KEY");

        // then a usage error, told with the provider's words and the attempts
        assertThat(exit).isEqualTo(2);
        assertThat(err.toString()).startsWith("idem: error: openai rejected the request: max_tokens is too large "
                + "(after 2 attempts)");
    }

    @Test
    void should_report_a_throwable_that_is_not_an_idem_failure_as_an_internal_error() {
        // when
        int exit = Cli.report(new IllegalStateException("boom"), new PrintWriter(err), false, provider -> "THE_KEY");

        // then
        assertThat(exit).isEqualTo(4);
        assertThat(err.toString()).startsWith("idem: error: internal error: java.lang.IllegalStateException: boom")
                .contains("--stacktrace");
    }
}
