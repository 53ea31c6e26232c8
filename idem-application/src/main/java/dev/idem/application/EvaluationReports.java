package dev.idem.application;

import dev.idem.port.in.EvaluateSpecUseCase.Progress;
import dev.idem.port.in.EvaluationResult;
import dev.idem.port.in.ReportNotWrittenException;
import dev.idem.port.in.ReportTarget;
import dev.idem.port.out.ReportWriter;
import java.io.UncheckedIOException;
import java.util.List;

/**
 * The reports of one evaluation: each target with the writer of its format, found before any case runs (so an
 * unknown format costs no model call), and written once the cases are done, in order.
 */
final class EvaluationReports {

    private final List<Planned> planned;

    private EvaluationReports(List<Planned> planned) {
        this.planned = planned;
    }

    /** @throws dev.idem.port.in.UnknownProviderException if a format has no writer; the message lists those that do */
    static EvaluationReports plan(List<ReportTarget> targets, Providers<ReportWriter> available) {
        return new EvaluationReports(targets.stream().map(t -> new Planned(t, available.get(t.format()))).toList());
    }

    /**
     * Writes every report, telling {@code progress} of each.
     *
     * @throws ReportNotWrittenException at the first report that cannot be written
     */
    void write(EvaluationResult result, Progress progress) {
        for (Planned p : planned) {
            ReportTarget target = p.target();
            try {
                if (target.file().isPresent()) {
                    p.writer().write(result, target.file().get());
                } else {
                    p.writer().write(result, target.stream().orElseThrow());
                }
            } catch (UncheckedIOException failed) {
                throw new ReportNotWrittenException(failed.getMessage(), failed);
            }
            progress.reportWritten(target);
        }
    }

    private record Planned(ReportTarget target, ReportWriter writer) {
    }
}
