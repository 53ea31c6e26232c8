package dev.idem.cli;

import dev.idem.port.in.EvaluationResult;
import dev.idem.port.out.ReportWriter;
import java.io.ByteArrayOutputStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Optional;
import java.util.Set;

/**
 * Where a report goes: standard output ({@code -}, or a name of this process's stdout such as
 * {@code /dev/stdout}) or a file path, whose kind the report writer respects (see {@link ReportWriter}).
 *
 * @param file the path, or empty for standard output
 */
record ReportTarget(Optional<Path> file) {

    /** Names of standard output: written as data, like {@code -}, so that the console output can step aside. */
    private static final Set<String> STDOUT = Set.of("-", "/dev/stdout", "/dev/fd/1", "/proc/self/fd/1");

    static ReportTarget of(String argument, CliEnvironment environment) {
        return STDOUT.contains(argument) ? new ReportTarget(Optional.empty())
                : new ReportTarget(Optional.of(environment.resolve(argument)));
    }

    boolean toStdout() {
        return file.isEmpty();
    }

    void write(ReportWriter writer, EvaluationResult result, PrintWriter stdout) {
        if (file.isPresent()) {
            writer.write(result, file.get());
            return;
        }
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        writer.write(result, bytes);
        stdout.write(bytes.toString(StandardCharsets.UTF_8));
        stdout.flush();
    }

    /** For "idem: wrote json report ...": true to what happened. */
    String describe() {
        return file.map(Path::toString).orElse("to stdout");
    }
}
