package dev.idem.adapter.redis;

import dev.idem.domain.execution.Fingerprint;
import dev.idem.testkit.ProcessClaimRace;
import java.net.URI;

/** A child process of {@link ProcessClaimRace}: opens the store named by its first argument and claims at the gate. */
public final class RedisClaimRace {

    private RedisClaimRace() {
    }

    public static void main(String[] args) throws Exception {
        try (RedisExecutionStore store = new RedisExecutionStore(URI.create(args[0]))) {
            ProcessClaimRace.claimAtGate(store, new Fingerprint(args[1]), args[2]);
        }
    }
}
