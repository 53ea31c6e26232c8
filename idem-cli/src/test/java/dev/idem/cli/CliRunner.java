package dev.idem.cli;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.Map;

/** Runs the CLI in-process and captures exit code, stdout and stderr. */
final class CliRunner {

    /** The repository root (tests run in idem-cli/). */
    static final Path ROOT = Path.of("").toAbsolutePath().getParent();

    private CliRunner() {
    }

    static Result run(Path workingDir, Map<String, String> env, String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = Cli.run(args, new CliEnvironment(env, workingDir, false), new PrintWriter(out),
                new PrintWriter(err));
        return new Result(code, out.toString(), err.toString());
    }

    /** As if standard output were a terminal (standard error stays quiet: no progress bar). */
    static Result runOnTerminal(Path workingDir, Map<String, String> env, String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = Cli.run(args, new CliEnvironment(env, workingDir, false, true), new PrintWriter(out),
                new PrintWriter(err));
        return new Result(code, out.toString(), err.toString());
    }

    /** As if idem ran on a terminal: stdout and stderr both (a progress bar on stderr). */
    static Result runInteractive(Path workingDir, Map<String, String> env, String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = Cli.run(args, new CliEnvironment(env, workingDir, true), new PrintWriter(out),
                new PrintWriter(err));
        return new Result(code, out.toString(), err.toString());
    }

    /** With {@code stdin} on standard input. */
    static Result runWithStdin(Path workingDir, Map<String, String> env, String stdin, String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        StandardInput in = new StandardInput(new java.io.ByteArrayInputStream(
                stdin.getBytes(java.nio.charset.StandardCharsets.UTF_8)));
        int code = Cli.run(args, new CliEnvironment(env, workingDir, false, false, in), new PrintWriter(out),
                new PrintWriter(err));
        return new Result(code, out.toString(), err.toString());
    }

    static Result run(Path workingDir, String... args) {
        return run(workingDir, Map.of(), args);
    }

    record Result(int code, String out, String err) {
        @Override
        public String toString() {
            return "exit " + code + "\n--- stdout\n" + out + "--- stderr\n" + err;
        }
    }
}
