package dev.idem.cli;

import java.io.PrintWriter;
import java.util.Arrays;

/** {@code idem}: runs LLM prompt specs and evaluates them offline. */
public final class Main {

    private Main() {
    }

    public static void main(String[] args) {
        PrintWriter err = new PrintWriter(System.err, true);
        boolean stacktrace = Arrays.asList(args).contains("--stacktrace");
        Thread.setDefaultUncaughtExceptionHandler((thread, e) -> Cli.reportUncaught(thread, e, err, stacktrace));
        System.exit(Cli.run(args, CliEnvironment.system(), new PrintWriter(System.out, true), err,
                Interrupts.install(err)));
    }
}
