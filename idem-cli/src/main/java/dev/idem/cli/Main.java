package dev.idem.cli;

/** {@code idem}: runs LLM prompt specs and evaluates them offline. */
public final class Main {

    private Main() {
    }

    public static void main(String[] args) {
        System.exit(Cli.run(args, CliEnvironment.system(), new java.io.PrintWriter(System.out, true),
                new java.io.PrintWriter(System.err, true)));
    }
}
