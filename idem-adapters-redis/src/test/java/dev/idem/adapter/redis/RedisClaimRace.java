package dev.idem.adapter.redis;

import dev.idem.domain.execution.Claim;
import dev.idem.domain.execution.Fingerprint;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/**
 * A child process of the cross-process race: connects, says {@code READY}, waits for a line on stdin, claims,
 * and prints what the claim answered.
 */
public final class RedisClaimRace {

    private RedisClaimRace() {
    }

    public static void main(String[] args) throws Exception {
        URI uri = URI.create(args[0]);
        Fingerprint fingerprint = new Fingerprint(args[1]);
        String owner = args[2];
        try (RedisExecutionStore store = new RedisExecutionStore(uri)) {
            System.out.println("READY");
            System.out.flush();
            new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8)).readLine();
            Claim claim = store.claim(fingerprint, owner, Duration.ofMinutes(5));
            System.out.println(claim.getClass().getSimpleName().toUpperCase());
            System.out.flush();
        }
    }
}
