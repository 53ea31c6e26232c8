package dev.idem.cli;

import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/** {@code idem}: runs LLM prompt specs and evaluates them offline. */
public final class Main {

    private Main() {
    }

    public static void main(String[] args) {
        // java.util.logging prints nothing (QuietLogging); set before anything logs, read only when something does
        System.setProperty("java.util.logging.config.class", QuietLogging.class.getName());
        PrintWriter err = utf8(System.err);
        boolean stacktrace = Arrays.asList(args).contains("--stacktrace");
        Thread.setDefaultUncaughtExceptionHandler((thread, e) -> Cli.reportUncaught(thread, e, err, stacktrace));
        System.exit(Cli.run(args, CliEnvironment.system(), utf8(System.out), err,
                Interrupts.install(err)));
    }

    /**
     * Replies and specs are Unicode; the JVM's own streams use the locale's charset, which under the POSIX locale
     * (CI containers, cron) is ASCII and would print every other character as '?'. Bytes go to the stream as they
     * are (its own encoder is bypassed).
     */
    private static PrintWriter utf8(OutputStream stream) {
        return new PrintWriter(new OutputStreamWriter(stream, StandardCharsets.UTF_8), true);
    }
}
