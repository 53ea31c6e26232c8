package dev.idem.adapter.sqlite;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.idem.domain.execution.Claim;
import dev.idem.domain.execution.Completion;
import dev.idem.domain.execution.ExecutionRecord;
import dev.idem.domain.execution.Fingerprint;
import dev.idem.domain.execution.TokenUsage;
import dev.idem.port.out.ExecutionStore;
import dev.idem.port.out.ExecutionStoreProvider;
import dev.idem.port.out.InvalidStoreUriException;
import dev.idem.port.out.StoreUnavailableException;
import dev.idem.testkit.ExecutionStoreContract;
import dev.idem.testkit.MutableClock;
import dev.idem.testkit.ProcessClaimRace;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Random;
import java.util.ServiceLoader;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

class SqliteExecutionStoreTest extends ExecutionStoreContract {

    @TempDir
    Path dir;

    @Override
    protected ExecutionStore newStore(MutableClock clock) {
        return new SqliteExecutionStore(dir.resolve("contract/store.db"), clock);
    }

    @Test
    void should_create_the_file_readable_by_its_owner_only() throws Exception {
        // given
        Path file = dir.resolve(".idem/store.db");

        // when
        try (SqliteExecutionStore opened = new SqliteExecutionStore(file, clock)) {
            Fingerprint fp = fingerprint("mode");
            long token = ((Claim.Acquired) opened.claim(fp, "o", LONG)).fencingToken();
            opened.complete(fp, token, new Completion("x", "m", TokenUsage.NONE, Duration.ZERO, ""), LONG);

            // then
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
            for (String sidecar : new String[] {"store.db-wal", "store.db-shm"}) {
                Path path = file.resolveSibling(sidecar);
                if (Files.exists(path)) {
                    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(path)))
                            .as(sidecar).endsWith("---");
                }
            }
            assertThat(Files.exists(file.resolveSibling("store.db-wal"))).as("WAL mode").isTrue();
        }
    }

    @Test
    void should_report_a_clear_error_when_the_file_is_not_a_database() throws Exception {
        // given
        Path file = dir.resolve("corrupt.db");
        byte[] noise = new byte[8192];
        new Random(7).nextBytes(noise);
        Files.write(file, noise);

        // when / then
        assertThatThrownBy(() -> new SqliteExecutionStore(file, clock))
                .isInstanceOf(StoreUnavailableException.class)
                .hasMessageContaining("store sqlite:" + file)
                .hasMessageContaining("is not a SQLite database")
                .hasMessageContaining("move it aside");
    }

    @Test
    void should_report_a_clear_error_when_the_file_is_a_text_file() throws Exception {
        // given
        Path file = dir.resolve("notes.db");
        Files.writeString(file, "these are not the records you are looking for\n".repeat(200));

        // when / then
        assertThatThrownBy(() -> new SqliteExecutionStore(file, clock))
                .isInstanceOf(StoreUnavailableException.class)
                .hasMessageContaining("is not a SQLite database");
    }

    @Test
    void should_report_a_locked_store_when_another_process_holds_the_write_lock() throws Exception {
        // given a store, and another connection that keeps an exclusive lock on its file
        Path file = dir.resolve("locked.db");
        try (SqliteExecutionStore opened = new SqliteExecutionStore(file, clock, Duration.ofMillis(200));
             Connection other = DriverManager.getConnection("jdbc:sqlite:" + file)) {
            try (Statement st = other.createStatement()) {
                st.execute("BEGIN EXCLUSIVE");
            }

            // when / then
            assertThatThrownBy(() -> opened.claim(fingerprint("locked"), "o", LONG))
                    .isInstanceOf(StoreUnavailableException.class)
                    .hasMessageContaining("store sqlite:" + file + " is locked by another process");
            try (Statement st = other.createStatement()) {
                st.execute("ROLLBACK");
            }
            assertThat(opened.claim(fingerprint("locked"), "o", LONG)).isInstanceOf(Claim.Acquired.class);
        }
    }

    @Test
    void should_refuse_a_character_device_and_create_nothing_beside_it() {
        // given /dev/null, which root could otherwise turn into a database with a /dev/null-journal beside it
        Path device = Path.of("/dev/null");

        // when / then
        assertThatThrownBy(() -> new SqliteExecutionStore(device, clock))
                .isInstanceOf(InvalidStoreUriException.class)
                .hasMessage("store sqlite:/dev/null is a device, FIFO or socket, not a regular file"
                        + " (point --store at a file, e.g. sqlite:.idem/store.db)");
        for (String sidecar : new String[] {"/dev/null-journal", "/dev/null-wal", "/dev/null-shm"}) {
            assertThat(Path.of(sidecar)).doesNotExist();
        }
    }

    @Test
    @Timeout(30)
    void should_refuse_a_fifo_instead_of_hanging_on_it() throws Exception {
        // given
        Path fifo = dir.resolve("store.fifo");
        assertThat(new ProcessBuilder("mkfifo", fifo.toString()).start().waitFor()).isZero();

        // when / then
        assertThatThrownBy(() -> new SqliteExecutionStore(fifo, clock))
                .isInstanceOf(InvalidStoreUriException.class)
                .hasMessageContaining("is a device, FIFO or socket, not a regular file");
    }

    @Test
    void should_refuse_a_directory() {
        assertThatThrownBy(() -> new SqliteExecutionStore(dir, clock))
                .isInstanceOf(InvalidStoreUriException.class)
                .hasMessageContaining("store sqlite:" + dir + " is a directory, not a regular file");
    }

    @Test
    void should_stop_when_the_file_is_deleted_while_the_store_is_open() throws Exception {
        // given an open store that holds a reply
        Path file = dir.resolve("deleted/store.db");
        try (SqliteExecutionStore opened = new SqliteExecutionStore(file, clock)) {
            Fingerprint fp = fingerprint("stored-before");
            opened.complete(fp, ((Claim.Acquired) opened.claim(fp, "o", LONG)).fencingToken(),
                    new Completion("x", "m", TokenUsage.NONE, Duration.ZERO, "stop"), LONG);

            // when someone deletes it (rm -r .idem) while the run goes on
            for (String suffix : new String[] {"", "-wal", "-shm"}) {
                Files.deleteIfExists(file.resolveSibling("store.db" + suffix));
            }

            // then the store says so instead of writing on into a file nobody will ever read again
            assertThatThrownBy(() -> opened.claim(fingerprint("after"), "o", LONG))
                    .isInstanceOf(StoreUnavailableException.class)
                    .hasMessageStartingWith("store sqlite:" + file + " was deleted while idem was using it");
            assertThatThrownBy(() -> opened.get(fp)).isInstanceOf(StoreUnavailableException.class);
            assertThat(file).doesNotExist();
        }
    }

    @Test
    void should_stop_when_the_file_is_replaced_while_the_store_is_open() throws Exception {
        // given an open store, and another store file
        Path file = dir.resolve("replaced/store.db");
        Path other = dir.resolve("other.db");
        new SqliteExecutionStore(other, clock).close();
        try (SqliteExecutionStore opened = new SqliteExecutionStore(file, clock)) {
            opened.claim(fingerprint("first"), "o", LONG);

            // when the other file is moved over it
            Files.move(other, file, StandardCopyOption.REPLACE_EXISTING);

            // then
            assertThatThrownBy(() -> opened.claim(fingerprint("second"), "o", LONG))
                    .isInstanceOf(StoreUnavailableException.class)
                    .hasMessageContaining("was replaced by another file while idem was using it");
        }
    }

    @Test
    void should_replay_old_records_and_keep_notes_when_the_file_predates_the_note_column() throws Exception {
        // given a store file as the previous release made it: no note column, one completed record
        Path file = dir.resolve("old.db");
        try (Connection old = DriverManager.getConnection("jdbc:sqlite:" + file);
             Statement st = old.createStatement()) {
            st.execute("""
                    CREATE TABLE executions (fingerprint TEXT PRIMARY KEY, state TEXT NOT NULL, owner TEXT NOT NULL,
                      token INTEGER NOT NULL, lease_expiry_ms INTEGER NOT NULL, text TEXT, model TEXT,
                      input_tokens INTEGER, output_tokens INTEGER, latency_nanos INTEGER, finish_reason TEXT,
                      failure TEXT, updated_ms INTEGER NOT NULL, expires_ms INTEGER NOT NULL)""");
            st.execute("INSERT INTO executions VALUES ('" + fingerprint("old").hex() + "', 'COMPLETED', 'o', 1, 0,"
                    + " 'old reply', 'm', 1, 2, 3, 'stop', NULL, 0, " + Long.MAX_VALUE + ")");
        }
        Completion noted = new Completion("new reply", "m", TokenUsage.NONE, Duration.ZERO, "stop", "why");

        // when
        try (SqliteExecutionStore opened = new SqliteExecutionStore(file, clock)) {
            Fingerprint fp = fingerprint("new");
            opened.complete(fp, ((Claim.Acquired) opened.claim(fp, "o", LONG)).fencingToken(), noted, LONG);

            // then
            assertThat(opened.get(fingerprint("old")).flatMap(ExecutionRecord::completion)).contains(
                    new Completion("old reply", "m", new TokenUsage(1, 2), Duration.ofNanos(3), "stop"));
            assertThat(opened.get(fp).flatMap(ExecutionRecord::completion)).contains(noted);
        }
        try (SqliteExecutionStore reopened = new SqliteExecutionStore(file, clock)) {
            assertThat(reopened.get(fingerprint("new")).flatMap(ExecutionRecord::completion)).contains(noted);
        }
    }

    @Test
    void should_refuse_in_memory_sqlite_names_and_uri_parameters() {
        for (String uri : new String[] {"sqlite:file::memory:?cache=shared", "sqlite::memory:",
                "sqlite:/work/dir/file::memory:", "sqlite:file:store.db"}) {
            assertThatThrownBy(() -> SqliteExecutionStoreProvider.pathOf(URI.create(uri))).as(uri)
                    .isInstanceOf(InvalidStoreUriException.class)
                    .hasMessageContaining("names an in-memory SQLite database (use --store memory:");
        }
        assertThatThrownBy(() -> SqliteExecutionStoreProvider.pathOf(URI.create("sqlite:/tmp/store.db?mode=ro")))
                .isInstanceOf(InvalidStoreUriException.class).hasMessageContaining("takes no ?parameters");
    }

    @Test
    void should_keep_records_when_reopened() {
        // given
        Path file = dir.resolve("durable.db");
        Fingerprint fp = fingerprint("durable");
        Completion reply = new Completion("kept «across» reopen\n", "m", new TokenUsage(3, 4),
                Duration.ofNanos(987_654_321), "length");
        long token;
        try (SqliteExecutionStore first = new SqliteExecutionStore(file, clock)) {
            token = ((Claim.Acquired) first.claim(fp, "o", LONG)).fencingToken();
            first.complete(fp, token, reply, LONG);
            first.recordRun(1, 2);
        }

        // when
        try (SqliteExecutionStore second = new SqliteExecutionStore(file, clock)) {

            // then
            assertThat(second.claim(fp, "o2", LONG)).isInstanceOfSatisfying(Claim.Completed.class,
                    done -> assertThat(done.record().completion()).contains(reply));
            assertThat(second.stats().lastRun()).isPresent();
            Fingerprint other = fingerprint("after-reopen");
            assertThat(((Claim.Acquired) second.claim(other, "o2", LONG)).fencingToken()).isGreaterThan(token);
        }
    }

    @Test
    void should_be_opened_by_the_service_loader_from_a_uri() {
        // given
        ExecutionStoreProvider provider = ServiceLoader.load(ExecutionStoreProvider.class).stream()
                .map(ServiceLoader.Provider::get)
                .filter(p -> p.id().equals("sqlite"))
                .findFirst().orElseThrow();
        Path file = dir.resolve("by-uri/store.db");

        // when
        try (ExecutionStore opened = provider.open(URI.create("sqlite://" + file.toAbsolutePath()), clock)) {

            // then
            assertThat(opened.describe()).isEqualTo("sqlite:" + file.toAbsolutePath());
            assertThat(Files.exists(file)).isTrue();
        }
    }

    @Test
    void should_read_relative_and_absolute_paths_from_uris() {
        assertThat(SqliteExecutionStoreProvider.pathOf(URI.create("sqlite:.idem/store.db")))
                .isEqualTo(Path.of(".idem/store.db"));
        assertThat(SqliteExecutionStoreProvider.pathOf(URI.create("sqlite:/abs/path.db")))
                .isEqualTo(Path.of("/abs/path.db"));
        assertThat(SqliteExecutionStoreProvider.pathOf(URI.create("sqlite:///abs/path.db")))
                .isEqualTo(Path.of("/abs/path.db"));
        assertThatThrownBy(() -> SqliteExecutionStoreProvider.pathOf(URI.create("sqlite://host/x.db")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("local file");
    }

    @Test
    void should_hand_the_call_to_exactly_one_process_when_processes_race_for_it() throws Exception {
        // given child JVMs that opened the same file and wait at a start gate
        Path file = dir.resolve("shared/store.db");
        new SqliteExecutionStore(file, Clock.systemUTC()).close();
        Fingerprint fp = fingerprint("process-race");
        // when their start gate opens for all of them at once
        List<String> answers = ProcessClaimRace.run(3, SqliteClaimRace.class, file.toString(), fp.hex());

        // then
        assertThat(answers).containsOnly("ACQUIRED", "BUSY").filteredOn("ACQUIRED"::equals).hasSize(1);
        try (SqliteExecutionStore check = new SqliteExecutionStore(file, Clock.systemUTC())) {
            assertThat(check.get(fp).map(ExecutionRecord::owner).orElseThrow()).startsWith("process-");
        }
    }
}
