package dev.idem.cli;

import java.io.PrintWriter;
import java.io.Writer;

/**
 * Where a command prints, and how much. {@link #out()} and {@link #err()} are for a person and escape terminal
 * control characters ({@link TerminalText}); {@link #data()} is standard output untouched, for what a program reads:
 * a reply printed into a pipe (or with {@code --raw}), a report written to {@code -}. Results and errors always go
 * out; {@link #notes()} (how a result was had, notes, warnings) only without {@code --quiet}, {@link #trace()} (each
 * request) only with {@code --verbose}.
 */
final class Console {

    private static final PrintWriter NOWHERE = new PrintWriter(Writer.nullWriter());

    private final PrintWriter data;
    private final PrintWriter rawErr;
    private final PrintWriter out;
    private final PrintWriter err;
    private final boolean stdoutTerminal;
    private final CommonOptions common;

    /**
     * @param data           standard output
     * @param err            standard error
     * @param stdoutTerminal whether standard output is a terminal
     * @param common         --quiet and --verbose, read when something is printed (they are parsed after this is
     *                       made)
     */
    Console(PrintWriter data, PrintWriter err, boolean stdoutTerminal, CommonOptions common) {
        this.data = data;
        this.rawErr = err;
        this.out = TerminalText.escaping(data);
        this.err = TerminalText.escaping(err);
        this.stdoutTerminal = stdoutTerminal;
        this.common = common;
    }

    /** Standard output for a person. */
    PrintWriter out() {
        return out;
    }

    /** Standard error, always for a person: errors, and whatever must be seen even with --quiet. */
    PrintWriter err() {
        return err;
    }

    /** Standard error for what --quiet leaves out: how a result was had, notes, warnings, reports written. */
    PrintWriter notes() {
        return common.quiet ? NOWHERE : err;
    }

    /** Standard error for what only --verbose shows: each model request, the store in use. */
    PrintWriter trace() {
        return common.verbose ? err : NOWHERE;
    }

    /** Standard output as it is, for data. */
    PrintWriter data() {
        return data;
    }

    /** Standard error as it is, for idem's own drawing on a terminal: the progress bar's carriage returns. */
    PrintWriter terminalErr() {
        return rawErr;
    }

    /** Whether standard output is a terminal (then a reply is shown escaped unless --raw asks otherwise). */
    boolean stdoutTerminal() {
        return stdoutTerminal;
    }

    /** Whether --quiet asks for results and errors only. */
    boolean quiet() {
        return common.quiet;
    }

    /** Whether --verbose asks for each request. */
    boolean verbose() {
        return common.verbose;
    }

    void flush() {
        out.flush();
        err.flush();
    }
}
