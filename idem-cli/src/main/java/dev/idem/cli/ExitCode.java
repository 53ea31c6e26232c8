package dev.idem.cli;

import dev.idem.domain.FailureCategory;

/** The exit codes of every idem command (see DESIGN.md). */
final class ExitCode {
    /** Success. */
    static final int OK = 0;
    /** Evaluations failed, or the pass rate is below --min-pass-rate. */
    static final int EVALUATIONS_FAILED = 1;
    /** Usage error, invalid spec or invalid input. */
    static final int USAGE = 2;
    /** Provider or store unavailable, misconfigured or unauthorised. */
    static final int UNAVAILABLE = 3;
    /** A bug in idem. */
    static final int INTERNAL = 4;

    private ExitCode() {
    }

    /** The exit code of a failure of this category. */
    static int of(FailureCategory category) {
        return switch (category) {
            case USAGE -> USAGE;
            case UNAVAILABLE -> UNAVAILABLE;
            case EVALUATION -> EVALUATIONS_FAILED;
            case INTERNAL -> INTERNAL;
        };
    }
}
