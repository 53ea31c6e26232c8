package dev.idem.cli;

import picocli.CommandLine.Option;

/** Whether and for how long model calls are replayed from the store. Shared by the commands that call models. */
final class CacheOptions {

    @Option(names = "--no-cache",
            description = "Always call the model; never replay a stored reply (the fresh one replaces it).")
    boolean noCache;

    @Option(names = "--cache-ttl", paramLabel = "DURATION",
            description = "How long replies are kept (default 14d, at most 3650d).")
    String cacheTtl;

    @Option(names = "--failure-ttl", paramLabel = "DURATION",
            description = "How long a request the provider rejected is remembered, so identical calls made at about"
                    + " the same time do not pay for it again (default 10m; 0: never).")
    String failureTtl;
}
