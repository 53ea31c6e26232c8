package dev.idem.adapter.sqlite;

import dev.idem.domain.execution.Completion;
import dev.idem.domain.execution.ExecutionRecord;
import dev.idem.domain.execution.ExecutionState;
import dev.idem.domain.execution.Fingerprint;
import dev.idem.domain.execution.TokenUsage;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * The store's tables and the SQL that reads and changes them: one row of {@code executions} per fingerprint,
 * and {@code meta} for the fencing counter and the last run's figures. Every change to a claimed row is
 * conditioned on the holder's fencing token ({@link #HOLDER}), so a holder whose lease ran out changes nothing.
 */
final class ExecutionRows {

    private ExecutionRows() {
    }

    private static final String SCHEMA_EXECUTIONS = """
            CREATE TABLE IF NOT EXISTS executions (
              fingerprint     TEXT PRIMARY KEY,
              state           TEXT NOT NULL,
              owner           TEXT NOT NULL,
              token           INTEGER NOT NULL,
              lease_expiry_ms INTEGER NOT NULL,
              text            TEXT,
              model           TEXT,
              input_tokens    INTEGER,
              output_tokens   INTEGER,
              latency_nanos   INTEGER,
              finish_reason   TEXT,
              note            TEXT,
              failure         TEXT,
              updated_ms      INTEGER NOT NULL,
              expires_ms      INTEGER NOT NULL
            )""";
    private static final String SCHEMA_META = "CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value INTEGER NOT NULL)";

    /**
     * The whole claim rule is the WHERE clause: only a record whose lease or TTL ran out may be overwritten, or,
     * when the last parameter is 1 (a claim afresh, for --no-cache), any record but a live claim. Parameters:
     * fingerprint, owner, token, lease expiry, now, lease expiry, now, now, afresh 0|1.
     */
    static final String CLAIM = """
            INSERT INTO executions (fingerprint, state, owner, token, lease_expiry_ms, updated_ms, expires_ms)
            VALUES (?, 'IN_PROGRESS', ?, ?, ?, ?, ?)
            ON CONFLICT(fingerprint) DO UPDATE SET
              state = 'IN_PROGRESS', owner = excluded.owner, token = excluded.token,
              lease_expiry_ms = excluded.lease_expiry_ms, text = NULL, model = NULL, input_tokens = NULL,
              output_tokens = NULL, latency_nanos = NULL, finish_reason = NULL, note = NULL, failure = NULL,
              updated_ms = excluded.updated_ms, expires_ms = excluded.expires_ms
            WHERE (executions.state = 'IN_PROGRESS' AND executions.lease_expiry_ms <= ?)
               OR (executions.state <> 'IN_PROGRESS' AND (executions.expires_ms <= ? OR ? = 1))""";

    /** Parameters: fingerprint. */
    static final String SELECT = """
            SELECT fingerprint, state, owner, token, lease_expiry_ms, text, model, input_tokens, output_tokens,
                   latency_nanos, finish_reason, note, failure, updated_ms, expires_ms
            FROM executions WHERE fingerprint = ?""";

    /** The last two parameters of every statement that changes a claimed row: fingerprint, fencing token. */
    private static final String HOLDER = " WHERE fingerprint = ? AND token = ? AND state = 'IN_PROGRESS'";

    /** Parameters: text, model, input tokens, output tokens, latency ns, finish reason, note, now, expiry, holder. */
    static final String COMPLETE = "UPDATE executions SET state = 'COMPLETED', text = ?, model = ?, input_tokens = ?,"
            + " output_tokens = ?, latency_nanos = ?, finish_reason = ?, note = ?, failure = NULL, updated_ms = ?,"
            + " expires_ms = ?" + HOLDER;

    /** Parameters: failure, now, expiry, holder. */
    static final String FAIL = "UPDATE executions SET state = 'FAILED', failure = ?, updated_ms = ?, expires_ms = ?"
            + HOLDER;

    /** Parameters: holder. */
    static final String RELEASE = "DELETE FROM executions" + HOLDER;

    /** Parameters: lease expiry, lease expiry, now, holder. */
    static final String HEARTBEAT = "UPDATE executions SET lease_expiry_ms = ?, expires_ms = ?, updated_ms = ?" + HOLDER;

    static final String READ_FENCE = "SELECT value FROM meta WHERE key = 'fence'";

    /** Parameters: the new highest token. */
    static final String WRITE_FENCE = "UPDATE meta SET value = ? WHERE key = 'fence'";

    /** Parameters: now, now. */
    static final String PURGE_EXPIRED = "DELETE FROM executions"
            + " WHERE (state = 'IN_PROGRESS' AND lease_expiry_ms <= ?) OR (state <> 'IN_PROGRESS' AND expires_ms <= ?)";

    /** The fencing counter stays: a holder from before the purge must never match a later token. */
    static final String PURGE_ALL = "DELETE FROM executions";

    /** Per state: state, count, how many expired by the parameter (now). */
    static final String COUNT_BY_STATE = "SELECT state, count(*), sum(CASE WHEN expires_ms <= ? THEN 1 ELSE 0 END)"
            + " FROM executions GROUP BY state";

    static final String LAST_RUN_CALLS = "last_run_calls";
    static final String LAST_RUN_REPLAYS = "last_run_replays";

    static final String READ_LAST_RUN = "SELECT key, value FROM meta WHERE key IN ('" + LAST_RUN_CALLS + "', '"
            + LAST_RUN_REPLAYS + "')";

    /** Parameters: key, value. */
    static final String WRITE_META = "INSERT INTO meta (key, value) VALUES (?, ?)"
            + " ON CONFLICT(key) DO UPDATE SET value = excluded.value";

    /** Creates the tables, the expiry index and the fencing counter when absent, and brings an old file up to date. */
    static void createSchema(Statement st) throws SQLException {
        st.execute(SCHEMA_EXECUTIONS);
        addNoteColumn(st);
        st.execute(SCHEMA_META);
        st.execute("INSERT OR IGNORE INTO meta (key, value) VALUES ('fence', 0)");
        st.execute("CREATE INDEX IF NOT EXISTS executions_expiry ON executions (state, expires_ms)");
    }

    /**
     * A store file made before completions carried a note lacks its column: it is added in place, so that
     * existing records stay replayable (their note reads as empty). Two processes opening the same old file may
     * both try; the loser finds the column there.
     */
    private static void addNoteColumn(Statement st) throws SQLException {
        try (ResultSet columns = st.executeQuery("SELECT 1 FROM pragma_table_info('executions') WHERE name = 'note'")) {
            if (columns.next()) {
                return;
            }
        }
        try {
            st.execute("ALTER TABLE executions ADD COLUMN note TEXT");
        } catch (SQLException e) {
            if (!SqliteFailures.isDuplicateColumn(e)) {
                throw e;
            }
        }
    }

    /** The record the current row of a {@link #SELECT} holds. */
    static ExecutionRecord toRecord(ResultSet rs) throws SQLException {
        ExecutionState state = ExecutionState.valueOf(rs.getString("state"));
        Optional<Completion> completion = Optional.empty();
        if (state == ExecutionState.COMPLETED) {
            completion = Optional.of(new Completion(rs.getString("text"), rs.getString("model"),
                    new TokenUsage(rs.getLong("input_tokens"), rs.getLong("output_tokens")),
                    Duration.ofNanos(rs.getLong("latency_nanos")), rs.getString("finish_reason"),
                    rs.getString("note")));
        }
        Optional<String> failure = state == ExecutionState.FAILED
                ? Optional.ofNullable(rs.getString("failure")) : Optional.empty();
        return new ExecutionRecord(new Fingerprint(rs.getString("fingerprint")), state, rs.getString("owner"),
                rs.getLong("token"), Instant.ofEpochMilli(rs.getLong("lease_expiry_ms")), completion, failure,
                Instant.ofEpochMilli(rs.getLong("updated_ms")), Instant.ofEpochMilli(rs.getLong("expires_ms")));
    }
}
