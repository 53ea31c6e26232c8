package dev.idem.port.out;

import dev.idem.port.in.EvaluationResult;
import java.io.OutputStream;
import java.nio.file.Path;

/**
 * Writes an evaluation report in one format, to a path or to a stream such as standard output.
 */
public interface ReportWriter {

    /** The format: {@code json}, {@code junit}, {@code md}, {@code html}. */
    String format();

    /**
     * Writes the report to the path as its kind expects: a regular file (or a path where nothing exists yet) is
     * replaced atomically, through a temporary file in its directory and a rename, so a crash never leaves a
     * half-written report; a symbolic link keeps being a link and its final target is replaced that way; a
     * character device, a FIFO or a file descriptor ({@code /dev/stdout}) is written to directly; a directory is
     * refused.
     *
     * @throws java.io.UncheckedIOException if the report cannot be written; the message names the path and why
     */
    void write(EvaluationResult result, Path target);

    /**
     * Writes the report to a stream, e.g. standard output; flushes it and leaves it open.
     *
     * @throws java.io.UncheckedIOException if the stream fails
     */
    void write(EvaluationResult result, OutputStream out);
}
