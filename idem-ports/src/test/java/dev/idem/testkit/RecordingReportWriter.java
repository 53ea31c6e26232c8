package dev.idem.testkit;

import dev.idem.port.in.EvaluationResult;
import dev.idem.port.out.ReportWriter;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A report writer that writes one line naming the spec and its case count, and remembers where each report went; or,
 * made {@link #failing}, one whose every write fails as a full disk would.
 */
public final class RecordingReportWriter implements ReportWriter {

    private final String format;
    private final boolean fails;
    private final List<String> written = new CopyOnWriteArrayList<>();

    private RecordingReportWriter(String format, boolean fails) {
        this.format = format;
        this.fails = fails;
    }

    public static RecordingReportWriter of(String format) {
        return new RecordingReportWriter(format, false);
    }

    public static RecordingReportWriter failing(String format) {
        return new RecordingReportWriter(format, true);
    }

    /** Where each report went, in order: a path, or {@code stream}. */
    public List<String> written() {
        return List.copyOf(written);
    }

    @Override
    public String format() {
        return format;
    }

    @Override
    public void write(EvaluationResult result, Path target) {
        failIfAsked(target.toString());
        written.add(target.toString());
    }

    @Override
    public void write(EvaluationResult result, OutputStream out) {
        failIfAsked("the stream");
        try {
            out.write((result.specName() + " " + result.cases().size() + " cases\n").getBytes(StandardCharsets.UTF_8));
            out.flush();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        written.add("stream");
    }

    private void failIfAsked(String where) {
        if (fails) {
            throw new UncheckedIOException("cannot write report " + where + ": no space left on device",
                    new IOException("No space left on device"));
        }
    }
}
