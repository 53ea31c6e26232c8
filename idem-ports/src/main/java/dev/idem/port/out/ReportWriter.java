package dev.idem.port.out;

import dev.idem.port.in.EvaluationResult;
import java.nio.file.Path;

/**
 * Writes an evaluation report in one format. Writes are atomic: a temporary file in the target's directory,
 * then a rename, so a crash never leaves a half-written report.
 */
public interface ReportWriter {

    /** The format: {@code json}, {@code junit}, {@code md}, {@code html}. */
    String format();

    /**
     * Writes the report.
     *
     * @throws java.io.UncheckedIOException if the file cannot be written; the message names it
     */
    void write(EvaluationResult result, Path target);
}
