package dev.idem.adapter.sqlite;

import dev.idem.domain.execution.Claim;
import dev.idem.domain.execution.Completion;
import dev.idem.domain.execution.ExecutionRecord;
import dev.idem.domain.execution.ExecutionState;
import dev.idem.domain.execution.Fingerprint;
import dev.idem.port.in.Vocabulary;
import dev.idem.port.out.ExecutionStore;
import dev.idem.port.out.InvalidStoreUriException;
import dev.idem.port.out.StoreStats;
import dev.idem.port.out.StoreUnavailableException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.locks.ReentrantLock;

/**
 * An {@link dev.idem.port.out.ExecutionStore} in one SQLite file (WAL mode, file mode 0600), shared safely by
 * the threads of this process and by other processes that open the same file.
 *
 * <p>One connection serves every thread of the process, taken in turn under a lock; processes are kept apart
 * by SQLite's own file locks: a claim runs in a {@code BEGIN IMMEDIATE} transaction, so reading the fencing
 * counter, the conditional upsert and the counter's increment happen as one step for every process.
 *
 * <p>The store must be a regular file, and it must stay the file that was opened ({@link OwnerOnlyFile}). The SQL
 * is in {@link ExecutionRows}; what SQLite reports becomes a message by {@link SqliteFailures}.
 */
public final class SqliteExecutionStore implements ExecutionStore {

    /** How long an operation waits for another process's write lock before the store is reported locked. */
    public static final Duration DEFAULT_BUSY_TIMEOUT = Duration.ofSeconds(10);

    private final OwnerOnlyFile file;
    private final String description;
    private final Clock clock;
    private final Duration busyTimeout;
    private final Vocabulary words;
    private final Connection connection;
    private final ReentrantLock lock = new ReentrantLock();

    /**
     * Opens the store, creating the file (mode 0600) and its parent directories when absent.
     *
     * @param file        the database file
     * @param clock       the time source for leases and TTLs
     * @param busyTimeout how long to wait for another process's lock
     * @throws InvalidStoreUriException  if the path names a directory, a device, a FIFO or a socket
     * @throws StoreUnavailableException if the file cannot be created or opened, is not a SQLite database, or
     *                                   stays locked
     */
    public SqliteExecutionStore(Path file, Clock clock, Duration busyTimeout) {
        this(file, clock, busyTimeout, Vocabulary.commandLine());
    }

    /**
     * As {@link #SqliteExecutionStore(Path, Clock, Duration)}, with the words a failure uses for the store setting.
     */
    public SqliteExecutionStore(Path file, Clock clock, Duration busyTimeout, Vocabulary words) {
        Objects.requireNonNull(file, "file");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.busyTimeout = Objects.requireNonNull(busyTimeout, "busyTimeout");
        this.words = Objects.requireNonNull(words, "words");
        this.description = "sqlite:" + file;
        this.file = OwnerOnlyFile.create(file, description, words);
        this.connection = connect();
    }

    public SqliteExecutionStore(Path file, Clock clock) {
        this(file, clock, DEFAULT_BUSY_TIMEOUT);
    }

    private Connection connect() {
        Connection opened = null;
        KeptNativeLibrary.use();
        try {
            opened = DriverManager.getConnection("jdbc:sqlite:" + file.path().toAbsolutePath());
            try (Statement st = opened.createStatement()) {
                // busy_timeout comes first: switching to WAL itself needs a lock another process may hold.
                st.execute("PRAGMA busy_timeout = " + busyTimeout.toMillis());
                st.execute("PRAGMA journal_mode = WAL");
                st.execute("PRAGMA synchronous = NORMAL");
                ExecutionRows.createSchema(st);
            }
            file.restrictSidecars();
            return opened;
        } catch (SQLException e) {
            closeQuietly(opened);
            throw unavailable(e);
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
        return SqliteFailures.unavailable(e, description, busyTimeout, words);
    }

    @FunctionalInterface
    private interface Work<T> {
        T run() throws SQLException;
    }

    private <T> T locked(Work<T> work) {
        lock.lock();
        try {
            file.ensureStillThere();
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
            int written = update(ExecutionRows.CLAIM, fingerprint.hex(), owner == null ? "" : owner, token,
                    leaseExpiry, now, leaseExpiry, now, now, replaceSettled ? 1 : 0);
            if (written == 1) {
                update(ExecutionRows.WRITE_FENCE, token);
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

    /** Runs one statement with its parameters in order (strings, numbers or null); how many rows it changed. */
    private int update(String sql, Object... parameters) throws SQLException {
        try (PreparedStatement ps = connection.prepareStatement(sql)) {
            for (int i = 0; i < parameters.length; i++) {
                ps.setObject(i + 1, parameters[i]);
            }
            return ps.executeUpdate();
        }
    }

    private long currentFence() throws SQLException {
        try (Statement st = connection.createStatement();
             ResultSet rs = st.executeQuery(ExecutionRows.READ_FENCE)) {
            return rs.next() ? rs.getLong(1) : 0;
        }
    }

    @Override
    public boolean complete(Fingerprint fingerprint, long fencingToken, Completion completion, Duration ttl) {
        Objects.requireNonNull(completion, "completion");
        return locked(() -> {
            long now = clock.millis();
            return update(ExecutionRows.COMPLETE, completion.text(), completion.model(),
                    completion.usage().inputTokens(), completion.usage().outputTokens(),
                    completion.latency().toNanos(), completion.finishReason(), completion.note(), now,
                    now + ttl.toMillis(), fingerprint.hex(), fencingToken) == 1;
        });
    }

    @Override
    public boolean fail(Fingerprint fingerprint, long fencingToken, String failure, Duration ttl) {
        return locked(() -> {
            long now = clock.millis();
            return update(ExecutionRows.FAIL, failure == null ? "" : failure, now, now + ttl.toMillis(),
                    fingerprint.hex(), fencingToken) == 1;
        });
    }

    @Override
    public void release(Fingerprint fingerprint, long fencingToken) {
        locked(() -> update(ExecutionRows.RELEASE, fingerprint.hex(), fencingToken));
    }

    @Override
    public boolean heartbeat(Fingerprint fingerprint, long fencingToken, Duration lease) {
        return locked(() -> {
            long now = clock.millis();
            return update(ExecutionRows.HEARTBEAT, now + lease.toMillis(), now + lease.toMillis(), now,
                    fingerprint.hex(), fencingToken) == 1;
        });
    }

    @Override
    public Optional<ExecutionRecord> get(Fingerprint fingerprint) {
        return locked(() -> select(fingerprint));
    }

    private Optional<ExecutionRecord> select(Fingerprint fingerprint) throws SQLException {
        try (PreparedStatement ps = connection.prepareStatement(ExecutionRows.SELECT)) {
            ps.setString(1, fingerprint.hex());
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.of(ExecutionRows.toRecord(rs)) : Optional.empty();
            }
        }
    }

    @Override
    public long purgeExpired() {
        return locked(() -> {
            long now = clock.millis();
            return (long) update(ExecutionRows.PURGE_EXPIRED, now, now);
        });
    }

    @Override
    public long purgeAll() {
        return locked(() -> (long) update(ExecutionRows.PURGE_ALL));
    }

    @Override
    public StoreStats stats() {
        return locked(() -> {
            long now = clock.millis();
            long inProgress = 0;
            long completed = 0;
            long failed = 0;
            long expired = 0;
            try (PreparedStatement ps = connection.prepareStatement(ExecutionRows.COUNT_BY_STATE)) {
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
                 ResultSet rs = st.executeQuery(ExecutionRows.READ_LAST_RUN)) {
                while (rs.next()) {
                    if (rs.getString(1).equals(ExecutionRows.LAST_RUN_CALLS)) {
                        calls = rs.getLong(2);
                    } else {
                        replays = rs.getLong(2);
                    }
                }
            }
            Optional<StoreStats.LastRun> lastRun = calls == null || replays == null
                    ? Optional.empty() : Optional.of(new StoreStats.LastRun(calls, replays));
            return new StoreStats(inProgress, completed, failed, expired, file.sizeOnDisk(), lastRun);
        });
    }

    @Override
    public void recordRun(long calls, long replays) {
        inImmediateTransaction(() -> {
            update(ExecutionRows.WRITE_META, ExecutionRows.LAST_RUN_CALLS, calls);
            return update(ExecutionRows.WRITE_META, ExecutionRows.LAST_RUN_REPLAYS, replays);
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
