package dev.idem.adapter.sqlite;

import dev.idem.domain.execution.Claim;
import dev.idem.domain.execution.Fingerprint;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;

/**
 * A child process of the cross-process race: opens the store, says {@code READY}, waits for a line on stdin,
 * claims, and prints what the claim answered.
 */
public final class SqliteClaimRace {

    private SqliteClaimRace() {
    }

    public static void main(String[] args) throws Exception {
        Path file = Path.of(args[0]);
        Fingerprint fingerprint = new Fingerprint(args[1]);
        String owner = args[2];
        try (SqliteExecutionStore store = new SqliteExecutionStore(file, Clock.systemUTC())) {
            System.out.println("READY");
            System.out.flush();
            new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8)).readLine();
            Claim claim = store.claim(fingerprint, owner, Duration.ofMinutes(5));
            System.out.println(claim.getClass().getSimpleName().toUpperCase());
            System.out.flush();
        }
    }
}
