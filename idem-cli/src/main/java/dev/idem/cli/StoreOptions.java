package dev.idem.cli;

import picocli.CommandLine.Option;

/** Where idem keeps its own idempotency records, and whether to replay from them. */
final class StoreOptions {

    @Option(names = "--store", paramLabel = "URI",
            description = "sqlite:.idem/store.db (default), memory:, or redis://host:port/db; else $IDEM_STORE")
    String store;

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
