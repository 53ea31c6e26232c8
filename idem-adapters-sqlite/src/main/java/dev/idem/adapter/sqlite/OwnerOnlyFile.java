package dev.idem.adapter.sqlite;

import dev.idem.port.in.Vocabulary;
import dev.idem.port.out.InvalidStoreUriException;
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
import java.util.Set;

/**
 * The store's file on disk: created readable by its owner only (stored replies may hold anything a prompt or a
 * model said), a regular file, and still the file that was opened.
 *
 * <p>A device such as {@code /dev/null}, a FIFO or a directory is refused. Every operation checks that the path
 * still names the file this store opened, because SQLite would go on writing into a deleted file and the next run
 * would find an empty store and pay for every call again.
 */
final class OwnerOnlyFile {

    private static final Set<PosixFilePermission> OWNER_ONLY = PosixFilePermissions.fromString("rw-------");
    private static final Set<PosixFilePermission> OWNER_ONLY_DIR = PosixFilePermissions.fromString("rwx------");

    private final Path path;
    private final String description;
    private final Object fileKey;

    private OwnerOnlyFile(Path path, String description, Object fileKey) {
        this.path = path;
        this.description = description;
        this.fileKey = fileKey;
    }

    /**
     * Creates the file (mode 0600) and its parent directories (mode 0700) when absent.
     *
     * @param description how messages name the store, e.g. {@code sqlite:.idem/store.db}
     * @param words       how they name the store setting
     * @throws InvalidStoreUriException  if the path names a directory, a device, a FIFO or a socket
     * @throws StoreUnavailableException if the file or its directory cannot be created
     */
    static OwnerOnlyFile create(Path path, String description, Vocabulary words) {
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
                        + " (point " + words.store() + " at a file, e.g. sqlite:.idem/store.db)");
            }
        } catch (IOException e) {
            throw new StoreUnavailableException("cannot create store " + description + ": " + e.getMessage()
                    + " (check that its directory is writable, or choose another " + words.store() + ")", e);
        }
        return new OwnerOnlyFile(path, description, fileKeyOrNull(path));
    }

    /** The database file. */
    Path path() {
        return path;
    }

    /** SQLite gives -wal/-shm the database file's mode, but a file made before idem (or by hand) may be wider. */
    void restrictSidecars() {
        if (!posix()) {
            return;
        }
        for (String suffix : new String[] {"", "-wal", "-shm"}) {
            try {
                Path sidecar = sibling(suffix);
                if (Files.exists(sidecar)) {
                    Files.setPosixFilePermissions(sidecar, OWNER_ONLY);
                }
            } catch (IOException | UnsupportedOperationException e) {
                // The file belongs to someone else: we can still use it, only not narrow its mode.
            }
        }
    }

    /**
     * Checks that the path still names the file this store opened.
     *
     * @throws StoreUnavailableException if it was deleted or replaced by another file
     */
    void ensureStillThere() {
        Object now;
        try {
            now = Files.readAttributes(path, BasicFileAttributes.class).fileKey();
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

    /** The bytes the store takes: the database and its write-ahead log; -1 if they cannot be read. */
    long sizeOnDisk() {
        long size = 0;
        for (String suffix : new String[] {"", "-wal"}) {
            try {
                Path part = sibling(suffix);
                if (Files.exists(part)) {
                    size += Files.size(part);
                }
            } catch (IOException e) {
                return -1;
            }
        }
        return size;
    }

    private Path sibling(String suffix) {
        return path.resolveSibling(path.getFileName() + suffix);
    }

    private static Object fileKeyOrNull(Path path) {
        try {
            return Files.readAttributes(path, BasicFileAttributes.class).fileKey();
        } catch (IOException e) {
            return null;
        }
    }

    private static boolean posix() {
        return FileSystems.getDefault().supportedFileAttributeViews().contains("posix");
    }
}
