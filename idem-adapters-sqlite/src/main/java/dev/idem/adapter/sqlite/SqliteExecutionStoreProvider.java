package dev.idem.adapter.sqlite;

import dev.idem.port.in.Vocabulary;
import dev.idem.port.out.ExecutionStore;
import dev.idem.port.out.ExecutionStoreProvider;
import dev.idem.port.out.InvalidStoreUriException;
import java.net.URI;
import java.nio.file.Path;
import java.time.Clock;

/**
 * Opens {@link SqliteExecutionStore}s for {@code sqlite:} URIs: {@code sqlite:.idem/store.db} (relative to the
 * working directory), {@code sqlite:/abs/path.db} and {@code sqlite:///abs/path.db}.
 */
public final class SqliteExecutionStoreProvider implements ExecutionStoreProvider {

    /** The store id and URI scheme. */
    public static final String ID = "sqlite";

    @Override
    public String id() {
        return ID;
    }

    @Override
    public ExecutionStore open(URI uri, Clock clock) {
        return open(uri, clock, Vocabulary.commandLine());
    }

    @Override
    public ExecutionStore open(URI uri, Clock clock, Vocabulary words) {
        return new SqliteExecutionStore(pathOf(uri, words), clock, SqliteExecutionStore.DEFAULT_BUSY_TIMEOUT, words);
    }

    /**
     * The file a {@code sqlite:} URI names.
     *
     * @throws InvalidStoreUriException if the URI is not a {@code sqlite:} URI naming a local file
     */
    public static Path pathOf(URI uri) {
        return pathOf(uri, Vocabulary.commandLine());
    }

    private static Path pathOf(URI uri, Vocabulary words) {
        if (uri == null || !ID.equalsIgnoreCase(uri.getScheme())) {
            throw new InvalidStoreUriException("not a sqlite store URI: " + uri
                    + " (use sqlite:PATH, e.g. sqlite:.idem/store.db)");
        }
        String path;
        if (uri.isOpaque()) {
            path = uri.getSchemeSpecificPart();
        } else {
            if (uri.getAuthority() != null && !uri.getAuthority().isEmpty()) {
                throw new InvalidStoreUriException("a sqlite store is a local file, not a host: " + uri
                        + " (use sqlite:PATH or sqlite:///ABSOLUTE/PATH)");
            }
            path = uri.getPath();
        }
        if (path == null || path.isBlank()) {
            throw new InvalidStoreUriException("a sqlite store URI names a file: " + uri
                    + " (use sqlite:PATH, e.g. sqlite:.idem/store.db)");
        }
        // SQLite's own names for a database in memory; idem would make a file of that name instead.
        if (path.contains(":memory:") || path.startsWith("file:") || path.contains("/file:")) {
            throw new InvalidStoreUriException("a sqlite store is a file; " + uri + " names an in-memory SQLite"
                    + " database (use " + words.store("memory:") + " for a store in this process only, or sqlite:PATH)");
        }
        if (uri.getRawQuery() != null || path.contains("?")) {
            throw new InvalidStoreUriException("a sqlite store URI takes no ?parameters: " + uri
                    + " (use sqlite:PATH, e.g. sqlite:.idem/store.db)");
        }
        return Path.of(path);
    }
}
