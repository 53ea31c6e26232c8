package dev.idem.cli;

import java.io.PrintWriter;
import java.util.Arrays;

/** {@code idem}: runs LLM prompt specs and evaluates them offline. */
public final class Main {

    private Main() {
    }

    public static void main(String[] args) {
        // Netty (under Lettuce) logs through java.util.logging when SLF4J has no real binding; its reconnection
        // warnings would interleave with idem's own one-line diagnostics, which already say what went wrong.
        java.util.logging.LogManager.getLogManager().reset();
        PrintWriter err = new PrintWriter(System.err, true);
        boolean stacktrace = Arrays.asList(args).contains("--stacktrace");
        Thread.setDefaultUncaughtExceptionHandler((thread, e) -> Cli.reportUncaught(thread, e, err, stacktrace));
        System.exit(Cli.run(args, CliEnvironment.system(), new PrintWriter(System.out, true), err,
                Interrupts.install(err)));
    }
}
