package dev.idem.adapter.sqlite;

import dev.idem.domain.execution.Fingerprint;
import dev.idem.testkit.ProcessClaimRace;
import java.nio.file.Path;
import java.time.Clock;

/** A child process of {@link ProcessClaimRace}: opens the store named by its first argument and claims at the gate. */
public final class SqliteClaimRace {

    private SqliteClaimRace() {
    }

    public static void main(String[] args) throws Exception {
        try (SqliteExecutionStore store = new SqliteExecutionStore(Path.of(args[0]), Clock.systemUTC())) {
            ProcessClaimRace.claimAtGate(store, new Fingerprint(args[1]), args[2]);
        }
    }
}
