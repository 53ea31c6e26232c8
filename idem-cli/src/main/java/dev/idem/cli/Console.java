package dev.idem.cli;

import java.io.PrintWriter;
import picocli.CommandLine.Model.CommandSpec;

/**
 * Where a command prints. {@link #out()} and {@link #err()} are for a person and escape terminal control
 * characters ({@link TerminalText}); {@link #data()} is standard output untouched, for what a program reads: a
 * reply printed into a pipe (or with {@code --raw}), a report written to {@code -}.
 */
final class Console {

    private final PrintWriter data;
    private final PrintWriter rawErr;
    private final PrintWriter out;
    private final PrintWriter err;
    private final boolean stdoutTerminal;

    private Console(PrintWriter data, PrintWriter err, boolean stdoutTerminal) {
        this.data = data;
        this.rawErr = err;
        this.out = TerminalText.escaping(data);
        this.err = TerminalText.escaping(err);
        this.stdoutTerminal = stdoutTerminal;
    }

    static Console of(CommandSpec spec, CliEnvironment environment) {
        return new Console(spec.commandLine().getOut(), spec.commandLine().getErr(), environment.stdoutTerminal());
    }

    /** Standard output for a person. */
    PrintWriter out() {
        return out;
    }

    /** Standard error, always for a person. */
    PrintWriter err() {
        return err;
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

    void flush() {
        out.flush();
        err.flush();
    }
}
