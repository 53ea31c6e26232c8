package dev.idem.adapter.redis;

/**
 * The Lua scripts that make each change to a record one atomic compare-and-set on the server. Time is the
 * server's ({@code TIME}), so runners on machines with skewed clocks agree on when a lease ran out.
 */
final class RedisScripts {

    private RedisScripts() {
    }

    private static final String PRELUDE = """
            local function now_ms()
              local t = redis.call('TIME')
              return tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
            end
            local function s(n) return string.format('%.0f', n) end
            local function holds(key, token)
              return redis.call('HGET', key, 'state') == 'IN_PROGRESS' and redis.call('HGET', key, 'token') == token
            end
            """;

    /**
     * KEYS: record, fence counter, store marker. ARGV: owner, lease ms, grace ms, afresh 0|1, claim nonce, store id.
     * Returns {@code {'ACQUIRED', token, takeover 0|1}}, {@code {'EXISTS', HGETALL}}, or {@code {'RESET'}} when the
     * marker written at connection time is gone (the database was emptied: a FLUSHDB, or a restart without
     * persistence), so fencing tokens would start again from 1.
     *
     * <p>The nonce makes a claim safe to send again when its reply was lost (a timeout, a dropped connection): if
     * the first attempt was applied, the record carries this nonce and the retry gets the same token back instead
     * of finding its own claim busy.
     */
    static final String CLAIM = PRELUDE + """
            if redis.call('GET', KEYS[3]) ~= ARGV[6] then
              return {'RESET'}
            end
            local now = now_ms()
            local state = redis.call('HGET', KEYS[1], 'state')
            local takeover = 0
            if state then
              if state == 'IN_PROGRESS' then
                if redis.call('HGET', KEYS[1], 'nonce') == ARGV[5] then
                  return {'ACQUIRED', tonumber(redis.call('HGET', KEYS[1], 'token')),
                    tonumber(redis.call('HGET', KEYS[1], 'takeover') or '0')}
                end
                if tonumber(redis.call('HGET', KEYS[1], 'lease')) > now then
                  return {'EXISTS', redis.call('HGETALL', KEYS[1])}
                end
                takeover = 1
              elseif ARGV[4] ~= '1' and tonumber(redis.call('HGET', KEYS[1], 'expires')) > now then
                return {'EXISTS', redis.call('HGETALL', KEYS[1])}
              end
            end
            local token = redis.call('INCR', KEYS[2])
            local lease = now + tonumber(ARGV[2])
            redis.call('DEL', KEYS[1])
            redis.call('HSET', KEYS[1], 'state', 'IN_PROGRESS', 'owner', ARGV[1], 'token', s(token),
              'lease', s(lease), 'updated', s(now), 'expires', s(lease), 'nonce', ARGV[5], 'takeover', s(takeover))
            redis.call('PEXPIRE', KEYS[1], tonumber(ARGV[2]) + tonumber(ARGV[3]))
            return {'ACQUIRED', token, takeover}
            """;

    /**
     * KEYS: record. ARGV: token, ttl ms, text, model, input tokens, output tokens, latency ns, finish reason,
     * note.
     */
    static final String COMPLETE = PRELUDE + """
            if not holds(KEYS[1], ARGV[1]) then return 0 end
            local now = now_ms()
            redis.call('HSET', KEYS[1], 'state', 'COMPLETED', 'text', ARGV[3], 'model', ARGV[4], 'in', ARGV[5],
              'out', ARGV[6], 'lat', ARGV[7], 'finish', ARGV[8], 'note', ARGV[9], 'updated', s(now),
              'expires', s(now + tonumber(ARGV[2])))
            redis.call('PEXPIRE', KEYS[1], ARGV[2])
            return 1
            """;

    /** KEYS: record. ARGV: token, ttl ms, failure. */
    static final String FAIL = PRELUDE + """
            if not holds(KEYS[1], ARGV[1]) then return 0 end
            local now = now_ms()
            redis.call('HSET', KEYS[1], 'state', 'FAILED', 'failure', ARGV[3], 'updated', s(now),
              'expires', s(now + tonumber(ARGV[2])))
            redis.call('PEXPIRE', KEYS[1], ARGV[2])
            return 1
            """;

    /** KEYS: record. ARGV: token. */
    static final String RELEASE = PRELUDE + """
            if not holds(KEYS[1], ARGV[1]) then return 0 end
            return redis.call('DEL', KEYS[1])
            """;

    /** KEYS: record. ARGV: token, lease ms, grace ms. */
    static final String HEARTBEAT = PRELUDE + """
            if not holds(KEYS[1], ARGV[1]) then return 0 end
            local now = now_ms()
            local lease = now + tonumber(ARGV[2])
            redis.call('HSET', KEYS[1], 'lease', s(lease), 'expires', s(lease), 'updated', s(now))
            redis.call('PEXPIRE', KEYS[1], tonumber(ARGV[2]) + tonumber(ARGV[3]))
            return 1
            """;

    /** KEYS: record. Deletes it if its lease or TTL ran out; returns 1 if deleted. */
    static final String PURGE_IF_EXPIRED = PRELUDE + """
            local state = redis.call('HGET', KEYS[1], 'state')
            if not state then return 0 end
            local field = 'expires'
            if state == 'IN_PROGRESS' then field = 'lease' end
            if tonumber(redis.call('HGET', KEYS[1], field)) <= now_ms() then
              return redis.call('DEL', KEYS[1])
            end
            return 0
            """;
}
