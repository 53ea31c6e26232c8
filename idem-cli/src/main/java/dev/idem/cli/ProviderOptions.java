package dev.idem.cli;

import picocli.CommandLine.Option;

/** Which provider and model answer, and how hard to try. Shared by run, design and eval. */
final class ProviderOptions {

    /** Most attempts per call: far beyond any sensible retry policy, so a typo is caught. */
    static final int MAX_ATTEMPTS = 100;

    @Option(names = "--provider", paramLabel = "P",
            description = "builtin (offline, default), openai, azure-openai or ollama; else $IDEM_PROVIDER")
    String provider;

    @Option(names = "--model", paramLabel = "M", description = "Model to use instead of the spec's.")
    String model;

    @Option(names = "--timeout", paramLabel = "DURATION",
            description = "Timeout of one model attempt (default 60s, at most 1d).")
    String timeout;

    @Option(names = "--max-attempts", paramLabel = "N",
            description = "Attempts per call, retries included (default 5, at most 100).")
    Integer maxAttempts;

    @Option(names = "--retry-deadline", paramLabel = "DURATION",
            description = "Overall time for one call's attempts and waits (default 5m, at most 1d).")
    String retryDeadline;
}
