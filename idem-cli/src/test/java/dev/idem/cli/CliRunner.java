package dev.idem.cli;

import java.io.ByteArrayInputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;

/** Runs the CLI in-process and captures exit code, stdout and stderr. */
final class CliRunner {

    /** The repository root (tests run in idem-cli/). */
    static final Path ROOT = Path.of("").toAbsolutePath().getParent();

    private CliRunner() {
    }

    /** The flagship spec, as an absolute path (tests may run in a directory of their own). */
    static final String FLAGSHIP = ROOT.resolve("prompts/idempotency-architect.prompt.yml").toString();

    static Result run(Path workingDir, Map<String, String> env, String... args) {
        return run(new CliEnvironment(env, workingDir, false), args);
    }

    /** As if standard output were a terminal (standard error stays quiet: no progress bar). */
    static Result runOnTerminal(Path workingDir, Map<String, String> env, String... args) {
        return run(new CliEnvironment(env, workingDir, false, true), args);
    }

    /** As if idem ran on a terminal: stdout and stderr both (a progress bar on stderr). */
    static Result runInteractive(Path workingDir, Map<String, String> env, String... args) {
        return run(new CliEnvironment(env, workingDir, true), args);
    }

    /** With {@code stdin} on standard input. */
    static Result runWithStdin(Path workingDir, Map<String, String> env, String stdin, String... args) {
        StandardInput in = new StandardInput(new ByteArrayInputStream(stdin.getBytes(StandardCharsets.UTF_8)));
        return run(new CliEnvironment(env, workingDir, false, false, in), args);
    }

    static Result run(Path workingDir, String... args) {
        return run(workingDir, Map.of(), args);
    }

    /** With a store that lasts the run and nothing else set. */
    static Result inMemory(Path workingDir, String... args) {
        return run(workingDir, Map.of("IDEM_STORE", "memory:"), args);
    }

    private static Result run(CliEnvironment environment, String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = Cli.run(args, environment, new PrintWriter(out), new PrintWriter(err));
        return new Result(code, out.toString(), err.toString());
    }

    record Result(int code, String out, String err) {
        @Override
        public String toString() {
            return "exit " + code + "\n--- stdout\n" + out + "--- stderr\n" + err;
        }
    }
}
