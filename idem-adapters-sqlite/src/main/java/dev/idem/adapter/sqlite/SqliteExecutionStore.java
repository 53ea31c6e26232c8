package dev.idem.adapter.sqlite;

import dev.idem.domain.execution.Claim;
import dev.idem.domain.execution.Completion;
import dev.idem.domain.execution.ExecutionRecord;
import dev.idem.domain.execution.ExecutionState;
import dev.idem.domain.execution.Fingerprint;
import dev.idem.domain.execution.TokenUsage;
import dev.idem.port.out.ExecutionStore;
import dev.idem.port.out.InvalidStoreUriException;
import dev.idem.port.out.StoreStats;
import dev.idem.port.out.StoreUnavailableException;
import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.locks.ReentrantLock;

/**
 * An {@link dev.idem.port.out.ExecutionStore} in one SQLite file (WAL mode, file mode 0600), shared safely by
 * the threads of this process and by other processes that open the same file.
 *
 * <p>One connection serves every thread of the process, taken in turn under a lock; processes are kept apart
 * by SQLite's own file locks: a claim runs in a {@code BEGIN IMMEDIATE} transaction, so reading the fencing
 * counter, the conditional upsert and the counter's increment happen as one step for every process.
 *
 * <p>The store must be a regular file (a device such as {@code /dev/null}, a FIFO or a directory is refused), and
 * it must stay the file that was opened: every operation checks that the path still names it, because SQLite
 * would go on writing into a deleted file and the next run would find an empty store and pay for every call again.
 */
public final class SqliteExecutionStore implements ExecutionStore {

    /** How long an operation waits for another process's write lock before the store is reported locked. */
    public static final Duration DEFAULT_BUSY_TIMEOUT = Duration.ofSeconds(10);

    private static final Set<PosixFilePermission> OWNER_ONLY = PosixFilePermissions.fromString("rw-------");
    private static final Set<PosixFilePermission> OWNER_ONLY_DIR = PosixFilePermissions.fromString("rwx------");

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

    // The WHERE clause is the whole claim rule: only a record whose lease or TTL ran out may be overwritten, or,
    // when the last parameter is 1 (a claim afresh, for --no-cache), any record but a live claim.
    private static final String CLAIM = """
            INSERT INTO executions (fingerprint, state, owner, token, lease_expiry_ms, updated_ms, expires_ms)
            VALUES (?, 'IN_PROGRESS', ?, ?, ?, ?, ?)
            ON CONFLICT(fingerprint) DO UPDATE SET
              state = 'IN_PROGRESS', owner = excluded.owner, token = excluded.token,
              lease_expiry_ms = excluded.lease_expiry_ms, text = NULL, model = NULL, input_tokens = NULL,
              output_tokens = NULL, latency_nanos = NULL, finish_reason = NULL, note = NULL, failure = NULL,
              updated_ms = excluded.updated_ms, expires_ms = excluded.expires_ms
            WHERE (executions.state = 'IN_PROGRESS' AND executions.lease_expiry_ms <= ?)
               OR (executions.state <> 'IN_PROGRESS' AND (executions.expires_ms <= ? OR ? = 1))""";
    private static final String SELECT = """
            SELECT fingerprint, state, owner, token, lease_expiry_ms, text, model, input_tokens, output_tokens,
                   latency_nanos, finish_reason, note, failure, updated_ms, expires_ms
            FROM executions WHERE fingerprint = ?""";
    private static final String HOLDER = " WHERE fingerprint = ? AND token = ? AND state = 'IN_PROGRESS'";

    private final Path file;
    private final String description;
    private final Clock clock;
    private final Duration busyTimeout;
    private final Connection connection;
    private final Object fileKey;
    private final ReentrantLock lock = new ReentrantLock();

    /**
     * Opens the store, creating the file (mode 0600) and its parent directories when absent.
     *
     * @param file        the database file
     * @param clock       the time source for leases and TTLs
     * @param busyTimeout how long to wait for another process's lock
     * @throws StoreUnavailableException if the file cannot be created or opened, is not a SQLite database, or
     *                                   stays locked
     */
    public SqliteExecutionStore(Path file, Clock clock, Duration busyTimeout) {
        this.file = Objects.requireNonNull(file, "file");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.busyTimeout = Objects.requireNonNull(busyTimeout, "busyTimeout");
        this.description = "sqlite:" + file;
        createOwnerOnly(file);
        this.connection = connect();
        this.fileKey = fileKeyOrNull();
    }

    public SqliteExecutionStore(Path file, Clock clock) {
        this(file, clock, DEFAULT_BUSY_TIMEOUT);
    }

    private static boolean posix() {
        return FileSystems.getDefault().supportedFileAttributeViews().contains("posix");
    }

    private void createOwnerOnly(Path path) {
        try {
            Path parent = path.toAbsolutePath().getParent();
            if (parent != null && !Files.isDirectory(parent)) {
                if (posix()) {
                    Files.createDirectories(parent, PosixFilePermissions.asFileAttribute(OWNER_ONLY_DIR));
                } else {
                    Files.createDirectories(parent);
                }
            }
            if (!Files.exists(path)) {
                try {
                    if (posix()) {
                        Files.createFile(path, PosixFilePermissions.asFileAttribute(OWNER_ONLY));
                    } else {
                        Files.createFile(path);
                    }
                } catch (FileAlreadyExistsException racedByAnotherProcess) {
                    // Another process created it first; it used the same mode.
                }
            }
            if (!Files.isRegularFile(path)) {
                throw new InvalidStoreUriException("store " + description + " is "
                        + (Files.isDirectory(path) ? "a directory" : "a device, FIFO or socket") + ", not a regular file"
                        + " (point --store at a file, e.g. sqlite:.idem/store.db)");
            }
        } catch (IOException e) {
            throw new StoreUnavailableException("cannot create store " + description + ": " + e.getMessage()
                    + " (check that its directory is writable, or choose another --store)", e);
        }
    }

    private Connection connect() {
        Connection opened = null;
        try {
            opened = DriverManager.getConnection("jdbc:sqlite:" + file.toAbsolutePath());
            try (Statement st = opened.createStatement()) {
                // busy_timeout comes first: switching to WAL itself needs a lock another process may hold.
                st.execute("PRAGMA busy_timeout = " + busyTimeout.toMillis());
                st.execute("PRAGMA journal_mode = WAL");
                st.execute("PRAGMA synchronous = NORMAL");
                st.execute(SCHEMA_EXECUTIONS);
                addNoteColumn(st);
                st.execute(SCHEMA_META);
                st.execute("INSERT OR IGNORE INTO meta (key, value) VALUES ('fence', 0)");
                st.execute("CREATE INDEX IF NOT EXISTS executions_expiry ON executions (state, expires_ms)");
            }
            restrictSidecars();
            return opened;
        } catch (SQLException e) {
            closeQuietly(opened);
            throw unavailable(e);
        }
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
            if (e.getMessage() == null || !e.getMessage().contains("duplicate column name")) {
                throw e;
            }
        }
    }

    // SQLite gives -wal/-shm the database file's mode, but a file made before idem (or by hand) may be wider.
    private void restrictSidecars() {
        if (!posix()) {
            return;
        }
        for (String suffix : new String[] {"", "-wal", "-shm"}) {
            Path sidecar = file.resolveSibling(file.getFileName() + suffix);
            try {
                if (Files.exists(sidecar)) {
                    Files.setPosixFilePermissions(sidecar, OWNER_ONLY);
                }
            } catch (IOException | UnsupportedOperationException e) {
                // The file belongs to someone else: we can still use it, only not narrow its mode.
            }
        }
    }

    private static void closeQuietly(Connection c) {
        if (c != null) {
            try {
                c.close();
            } catch (SQLException ignored) {
                // The original failure is the one worth reporting.
            }
        }
    }

    private StoreUnavailableException unavailable(SQLException e) {
        int code = e.getErrorCode() & 0xff;
        String what = switch (code) {
            case 26, 11 -> "store " + description + " is not a SQLite database or is damaged"
                    + " (move it aside or delete it; idem creates a new, empty store)";
            case 5, 6 -> "store " + description + " is locked by another process (waited "
                    + busyTimeout.toSeconds() + " s; let the other idem run finish or use another --store)";
            case 8, 3 -> "store " + description + " is read-only"
                    + " (check the permissions of the file and its directory)";
            case 14 -> "cannot open store " + description
                    + " (check that the file and its directory exist and are writable)";
            case 13 -> "store " + description + " cannot grow: the disk is full (free some space or purge"
                    + " it with 'idem store purge')";
            default -> "store " + description + " failed: " + e.getMessage()
                    + " (move it aside if it keeps failing, or choose another --store)";
        };
        return new StoreUnavailableException(what, e);
    }

    @FunctionalInterface
    private interface Work<T> {
        T run() throws SQLException;
    }

    private Object fileKeyOrNull() {
        try {
            return Files.readAttributes(file, BasicFileAttributes.class).fileKey();
        } catch (IOException e) {
            return null;
        }
    }

    /** Whether the path still names the file this store opened (SQLite would write on into a deleted one). */
    private void ensureStillThere() {
        Object now;
        try {
            now = Files.readAttributes(file, BasicFileAttributes.class).fileKey();
        } catch (NoSuchFileException e) {
            throw new StoreUnavailableException("store " + description + " was deleted while idem was using it:"
                    + " what this run stores would be lost with it (stopping; rerun to start a new store, and"
                    + " let nothing delete it during a run)", e);
        } catch (IOException e) {
            return;
        }
        if (fileKey != null && !fileKey.equals(now)) {
            throw new StoreUnavailableException("store " + description + " was replaced by another file while idem"
                    + " was using it (stopping; rerun to use the new file, and let nothing replace it during a run)",
                    null);
        }
    }

    private <T> T locked(Work<T> work) {
        lock.lock();
        try {
            ensureStillThere();
            return work.run();
        } catch (SQLException e) {
            throw unavailable(e);
        } finally {
            lock.unlock();
        }
    }

    private <T> T inImmediateTransaction(Work<T> work) {
        return locked(() -> {
            try (Statement st = connection.createStatement()) {
                st.execute("BEGIN IMMEDIATE");
            }
            boolean committed = false;
            try {
                T result = work.run();
                try (Statement st = connection.createStatement()) {
                    st.execute("COMMIT");
                }
                committed = true;
                return result;
            } finally {
                if (!committed) {
                    try (Statement st = connection.createStatement()) {
                        st.execute("ROLLBACK");
                    } catch (SQLException ignored) {
                        // SQLite may already have rolled back; the original failure is reported.
                    }
                }
            }
        });
    }

    @Override
    public Claim claim(Fingerprint fingerprint, String owner, Duration lease) {
        return claim(fingerprint, owner, lease, false);
    }

    @Override
    public Claim claimAfresh(Fingerprint fingerprint, String owner, Duration lease) {
        return claim(fingerprint, owner, lease, true);
    }

    private Claim claim(Fingerprint fingerprint, String owner, Duration lease, boolean replaceSettled) {
        Objects.requireNonNull(fingerprint, "fingerprint");
        Objects.requireNonNull(lease, "lease");
        return inImmediateTransaction(() -> {
            long now = clock.millis();
            Optional<ExecutionRecord> current = select(fingerprint);
            long token = currentFence() + 1;
            long leaseExpiry = now + lease.toMillis();
            int written;
            try (PreparedStatement ps = connection.prepareStatement(CLAIM)) {
                ps.setString(1, fingerprint.hex());
                ps.setString(2, owner == null ? "" : owner);
                ps.setLong(3, token);
                ps.setLong(4, leaseExpiry);
                ps.setLong(5, now);
                ps.setLong(6, leaseExpiry);
                ps.setLong(7, now);
                ps.setLong(8, now);
                ps.setInt(9, replaceSettled ? 1 : 0);
                written = ps.executeUpdate();
            }
            if (written == 1) {
                try (PreparedStatement ps = connection.prepareStatement("UPDATE meta SET value = ? WHERE key = 'fence'")) {
                    ps.setLong(1, token);
                    ps.executeUpdate();
                }
                boolean takeover = current.map(r -> r.state() == ExecutionState.IN_PROGRESS).orElse(false);
                return new Claim.Acquired(token, takeover);
            }
            ExecutionRecord record = current.orElseThrow(
                    () -> new SQLException("claim wrote nothing although no record was there"));
            return switch (record.state()) {
                case IN_PROGRESS -> new Claim.Busy(record);
                case COMPLETED -> new Claim.Completed(record);
                case FAILED -> new Claim.Failed(record);
            };
        });
    }

    private long currentFence() throws SQLException {
        try (Statement st = connection.createStatement();
             ResultSet rs = st.executeQuery("SELECT value FROM meta WHERE key = 'fence'")) {
            return rs.next() ? rs.getLong(1) : 0;
        }
    }

    @Override
    public boolean complete(Fingerprint fingerprint, long fencingToken, Completion completion, Duration ttl) {
        Objects.requireNonNull(completion, "completion");
        return locked(() -> {
            long now = clock.millis();
            try (PreparedStatement ps = connection.prepareStatement("UPDATE executions SET state = 'COMPLETED',"
                    + " text = ?, model = ?, input_tokens = ?, output_tokens = ?, latency_nanos = ?,"
                    + " finish_reason = ?, note = ?, failure = NULL, updated_ms = ?, expires_ms = ?" + HOLDER)) {
                ps.setString(1, completion.text());
                ps.setString(2, completion.model());
                ps.setLong(3, completion.usage().inputTokens());
                ps.setLong(4, completion.usage().outputTokens());
                ps.setLong(5, completion.latency().toNanos());
                ps.setString(6, completion.finishReason());
                ps.setString(7, completion.note());
                ps.setLong(8, now);
                ps.setLong(9, now + ttl.toMillis());
                ps.setString(10, fingerprint.hex());
                ps.setLong(11, fencingToken);
                return ps.executeUpdate() == 1;
            }
        });
    }

    @Override
    public boolean fail(Fingerprint fingerprint, long fencingToken, String failure, Duration ttl) {
        return locked(() -> {
            long now = clock.millis();
            try (PreparedStatement ps = connection.prepareStatement("UPDATE executions SET state = 'FAILED',"
                    + " failure = ?, updated_ms = ?, expires_ms = ?" + HOLDER)) {
                ps.setString(1, failure == null ? "" : failure);
                ps.setLong(2, now);
                ps.setLong(3, now + ttl.toMillis());
                ps.setString(4, fingerprint.hex());
                ps.setLong(5, fencingToken);
                return ps.executeUpdate() == 1;
            }
        });
    }

    @Override
    public void release(Fingerprint fingerprint, long fencingToken) {
        locked(() -> {
            try (PreparedStatement ps = connection.prepareStatement("DELETE FROM executions" + HOLDER)) {
                ps.setString(1, fingerprint.hex());
                ps.setLong(2, fencingToken);
                return ps.executeUpdate();
            }
        });
    }

    @Override
    public boolean heartbeat(Fingerprint fingerprint, long fencingToken, Duration lease) {
        return locked(() -> {
            long now = clock.millis();
            try (PreparedStatement ps = connection.prepareStatement("UPDATE executions SET lease_expiry_ms = ?,"
                    + " expires_ms = ?, updated_ms = ?" + HOLDER)) {
                ps.setLong(1, now + lease.toMillis());
                ps.setLong(2, now + lease.toMillis());
                ps.setLong(3, now);
                ps.setString(4, fingerprint.hex());
                ps.setLong(5, fencingToken);
                return ps.executeUpdate() == 1;
            }
        });
    }

    @Override
    public Optional<ExecutionRecord> get(Fingerprint fingerprint) {
        return locked(() -> select(fingerprint));
    }

    private Optional<ExecutionRecord> select(Fingerprint fingerprint) throws SQLException {
        try (PreparedStatement ps = connection.prepareStatement(SELECT)) {
            ps.setString(1, fingerprint.hex());
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.of(toRecord(rs)) : Optional.empty();
            }
        }
    }

    private static ExecutionRecord toRecord(ResultSet rs) throws SQLException {
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

    @Override
    public long purgeExpired() {
        return locked(() -> {
            long now = clock.millis();
            try (PreparedStatement ps = connection.prepareStatement("DELETE FROM executions"
                    + " WHERE (state = 'IN_PROGRESS' AND lease_expiry_ms <= ?)"
                    + " OR (state <> 'IN_PROGRESS' AND expires_ms <= ?)")) {
                ps.setLong(1, now);
                ps.setLong(2, now);
                return (long) ps.executeUpdate();
            }
        });
    }

    @Override
    public long purgeAll() {
        // The fencing counter stays: a holder from before the purge must never match a later token.
        return locked(() -> {
            try (Statement st = connection.createStatement()) {
                return (long) st.executeUpdate("DELETE FROM executions");
            }
        });
    }

    @Override
    public StoreStats stats() {
        return locked(() -> {
            long now = clock.millis();
            long inProgress = 0;
            long completed = 0;
            long failed = 0;
            long expired = 0;
            try (PreparedStatement ps = connection.prepareStatement("SELECT state, count(*),"
                    + " sum(CASE WHEN expires_ms <= ? THEN 1 ELSE 0 END) FROM executions GROUP BY state")) {
                ps.setLong(1, now);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        long count = rs.getLong(2);
                        switch (ExecutionState.valueOf(rs.getString(1))) {
                            case IN_PROGRESS -> inProgress = count;
                            case COMPLETED -> {
                                completed = count;
                                expired += rs.getLong(3);
                            }
                            case FAILED -> {
                                failed = count;
                                expired += rs.getLong(3);
                            }
                        }
                    }
                }
            }
            Long calls = null;
            Long replays = null;
            try (Statement st = connection.createStatement();
                 ResultSet rs = st.executeQuery("SELECT key, value FROM meta"
                         + " WHERE key IN ('last_run_calls', 'last_run_replays')")) {
                while (rs.next()) {
                    if (rs.getString(1).equals("last_run_calls")) {
                        calls = rs.getLong(2);
                    } else {
                        replays = rs.getLong(2);
                    }
                }
            }
            Optional<StoreStats.LastRun> lastRun = calls == null || replays == null
                    ? Optional.empty() : Optional.of(new StoreStats.LastRun(calls, replays));
            return new StoreStats(inProgress, completed, failed, expired, sizeOnDisk(), lastRun);
        });
    }

    private long sizeOnDisk() {
        long size = 0;
        for (String suffix : new String[] {"", "-wal"}) {
            try {
                Path part = file.resolveSibling(file.getFileName() + suffix);
                if (Files.exists(part)) {
                    size += Files.size(part);
                }
            } catch (IOException e) {
                return -1;
            }
        }
        return size;
    }

    @Override
    public void recordRun(long calls, long replays) {
        inImmediateTransaction(() -> {
            try (PreparedStatement ps = connection.prepareStatement(
                    "INSERT INTO meta (key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value")) {
                ps.setString(1, "last_run_calls");
                ps.setLong(2, calls);
                ps.executeUpdate();
                ps.setString(1, "last_run_replays");
                ps.setLong(2, replays);
                ps.executeUpdate();
            }
            return null;
        });
    }

    @Override
    public String describe() {
        return description;
    }

    @Override
    public void close() {
        lock.lock();
        try {
            connection.close();
        } catch (SQLException e) {
            throw unavailable(e);
        } finally {
            lock.unlock();
        }
    }
}
