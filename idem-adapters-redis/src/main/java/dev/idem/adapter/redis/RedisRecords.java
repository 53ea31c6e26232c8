package dev.idem.adapter.redis;

import dev.idem.domain.execution.Claim;
import dev.idem.domain.execution.Completion;
import dev.idem.domain.execution.ExecutionRecord;
import dev.idem.domain.execution.ExecutionState;
import dev.idem.domain.execution.Fingerprint;
import dev.idem.domain.execution.TokenUsage;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * How a record is kept: a hash under {@code idem:exec:<fingerprint>} whose fields the {@link RedisScripts} write
 * ({@code state}, {@code owner}, {@code token}, {@code lease}, {@code text}, {@code model}, {@code in},
 * {@code out}, {@code lat}, {@code finish}, {@code note}, {@code failure}, {@code updated}, {@code expires}), and
 * how such a hash, or a claim script's reply, reads back as the domain's record.
 */
final class RedisRecords {

    static final String RECORD_PREFIX = "idem:exec:";

    private RedisRecords() {
    }

    /** The key of a fingerprint's record. */
    static String key(Fingerprint fingerprint) {
        return RECORD_PREFIX + fingerprint.hex();
    }

    /**
     * What a {@link RedisScripts#CLAIM} reply other than {@code RESET} says: {@code {'ACQUIRED', token, takeover}}
     * or {@code {'EXISTS', HGETALL}}.
     */
    static Claim claimFrom(Fingerprint fingerprint, List<Object> reply) {
        if ("ACQUIRED".equals(reply.get(0))) {
            return new Claim.Acquired((Long) reply.get(1), ((Long) reply.get(2)) == 1L);
        }
        @SuppressWarnings("unchecked")
        ExecutionRecord record = toRecord(fingerprint, pairs((List<Object>) reply.get(1)));
        return switch (record.state()) {
            case IN_PROGRESS -> new Claim.Busy(record);
            case COMPLETED -> new Claim.Completed(record);
            case FAILED -> new Claim.Failed(record);
        };
    }

    /** The record a hash holds; empty when the hash is gone or holds no state. */
    static Optional<ExecutionRecord> fromHash(Fingerprint fingerprint, Map<String, String> fields) {
        return fields == null || fields.isEmpty() || !fields.containsKey("state")
                ? Optional.empty() : Optional.of(toRecord(fingerprint, fields));
    }

    private static Map<String, String> pairs(List<Object> flat) {
        Map<String, String> fields = new HashMap<>();
        for (int i = 0; i + 1 < flat.size(); i += 2) {
            fields.put(String.valueOf(flat.get(i)), String.valueOf(flat.get(i + 1)));
        }
        return fields;
    }

    private static ExecutionRecord toRecord(Fingerprint fingerprint, Map<String, String> fields) {
        ExecutionState state = ExecutionState.valueOf(fields.get("state"));
        Optional<Completion> completion = Optional.empty();
        if (state == ExecutionState.COMPLETED) {
            completion = Optional.of(new Completion(fields.getOrDefault("text", ""), fields.get("model"),
                    new TokenUsage(number(fields, "in"), number(fields, "out")),
                    Duration.ofNanos(number(fields, "lat")), fields.get("finish"), fields.get("note")));
        }
        Optional<String> failure = state == ExecutionState.FAILED
                ? Optional.of(fields.getOrDefault("failure", "")) : Optional.empty();
        return new ExecutionRecord(fingerprint, state, fields.get("owner"), number(fields, "token"),
                Instant.ofEpochMilli(number(fields, "lease")), completion, failure,
                Instant.ofEpochMilli(number(fields, "updated")), Instant.ofEpochMilli(number(fields, "expires")));
    }

    private static long number(Map<String, String> fields, String name) {
        String value = fields.get(name);
        return value == null || value.isEmpty() ? 0 : Long.parseLong(value);
    }
}
