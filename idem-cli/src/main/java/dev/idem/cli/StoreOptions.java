package dev.idem.cli;

import picocli.CommandLine.Option;

/** Where idem keeps its own idempotency records. Shared by every command that opens the store. */
final class StoreOptions {

    @Option(names = "--store", paramLabel = "URI",
            description = "sqlite:PATH, memory: or redis://HOST:PORT/DB; else $IDEM_STORE, else store= in the "
                    + "config file, else the project's .idem/store.db")
    String store;
}
