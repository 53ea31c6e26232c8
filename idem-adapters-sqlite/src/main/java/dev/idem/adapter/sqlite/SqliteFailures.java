package dev.idem.adapter.sqlite;

import dev.idem.port.in.Vocabulary;
import dev.idem.port.out.StoreUnavailableException;
import java.sql.SQLException;
import java.time.Duration;
import org.sqlite.SQLiteErrorCode;

/**
 * Turns what SQLite reported into a message a person can act on, by SQLite's primary result code (the low
 * byte of the extended code the driver reports): a damaged file, a lock held too long, a read-only file, a
 * file that cannot be opened, a full disk. SQLite's exceptions stay behind the port.
 */
final class SqliteFailures {

    private SqliteFailures() {
    }

    /**
     * @param description how messages name the store, e.g. {@code sqlite:.idem/store.db}
     * @param busyTimeout how long the store waited for another process's lock
     * @param words       how the message names the store setting and the purge
     */
    static StoreUnavailableException unavailable(SQLException e, String description, Duration busyTimeout,
                                                 Vocabulary words) {
        String what = switch (primaryCode(e)) {
            case SQLITE_NOTADB, SQLITE_CORRUPT -> "store " + description + " is not a SQLite database or is damaged"
                    + " (move it aside or delete it; idem creates a new, empty store)";
            case SQLITE_BUSY, SQLITE_LOCKED -> "store " + description + " is locked by another process (waited "
                    + busyTimeout.toSeconds() + " s; let the other idem run finish or use another " + words.store() + ")";
            case SQLITE_READONLY, SQLITE_PERM -> "store " + description + " is read-only"
                    + " (check the permissions of the file and its directory)";
            case SQLITE_CANTOPEN -> "cannot open store " + description
                    + " (check that the file and its directory exist and are writable)";
            case SQLITE_FULL -> "store " + description + " cannot grow: the disk is full (free some space or purge"
                    + " it with " + words.purgeStore() + ")";
            default -> "store " + description + " failed: " + e.getMessage()
                    + " (move it aside if it keeps failing, or choose another " + words.store() + ")";
        };
        return new StoreUnavailableException(what, e);
    }

    /** Whether an {@code ALTER TABLE … ADD COLUMN} failed because another process added the column first. */
    static boolean isDuplicateColumn(SQLException e) {
        return e.getMessage() != null && e.getMessage().contains("duplicate column name");
    }

    private static SQLiteErrorCode primaryCode(SQLException e) {
        return SQLiteErrorCode.getErrorCode(e.getErrorCode() & 0xff);
    }
}
