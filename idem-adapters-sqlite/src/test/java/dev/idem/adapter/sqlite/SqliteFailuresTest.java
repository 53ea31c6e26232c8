package dev.idem.adapter.sqlite;

import static org.assertj.core.api.Assertions.assertThat;

import dev.idem.port.in.Vocabulary;
import dev.idem.port.out.StoreUnavailableException;
import java.sql.SQLException;
import java.time.Duration;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The failures a test cannot provoke on a real file as root (a read-only file, a full disk) are told apart by
 * SQLite's result code alone; the store tests cover the damaged and the locked file for real.
 */
class SqliteFailuresTest {

    @ParameterizedTest(name = "code {0}")
    @CsvSource(delimiter = '|', value = {
            "26  | is not a SQLite database or is damaged",
            "11  | is not a SQLite database or is damaged",
            "5   | is locked by another process (waited 10 s;",
            "517 | is locked by another process (waited 10 s;",
            "6   | is locked by another process (waited 10 s;",
            "8   | is read-only (check the permissions",
            "3   | is read-only (check the permissions",
            "14  | cannot open store sqlite:s.db (check that the file and its directory exist",
            "13  | cannot grow: the disk is full",
            "1   | failed: boom (move it aside if it keeps failing"})
    void should_say_what_went_wrong_by_the_primary_result_code_when_sqlite_fails(int code, String expected) {
        // given: 517 is SQLITE_BUSY_SNAPSHOT, an extended code whose primary code is SQLITE_BUSY
        SQLException failure = new SQLException("boom", null, code);
        // when
        StoreUnavailableException e = SqliteFailures.unavailable(failure, "sqlite:s.db", Duration.ofSeconds(10),
                Vocabulary.commandLine());
        // then
        assertThat(e).hasMessageContaining(expected).hasCause(failure);
    }
}
