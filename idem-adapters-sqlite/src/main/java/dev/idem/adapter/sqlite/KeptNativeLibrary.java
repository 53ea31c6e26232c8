package dev.idem.adapter.sqlite;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import org.sqlite.SQLiteJDBCLoader;
import org.sqlite.util.LibraryLoaderUtil;

/**
 * SQLite's native library, kept in a directory named by the system property {@value #DIRECTORY} (the {@code idem}
 * launcher names one in its build output) and loaded from there. Left alone, sqlite-jdbc extracts the library from
 * its jar into the temporary directory on every start, under a new name, compares the copy with the jar byte by byte
 * and deletes it at exit: a few tens of milliseconds of every run that opens a store. Here the first run keeps a copy
 * (written under a temporary name, then renamed, so that no run ever sees half a library), in a subdirectory per
 * sqlite-jdbc version, and later runs point sqlite-jdbc at it ({@code org.sqlite.lib.path} and
 * {@code org.sqlite.lib.name}). Without the property, when the embedder set sqlite-jdbc's own properties, or when
 * anything here fails, nothing changes: sqlite-jdbc extracts its copy as before (it does so too if the kept copy
 * cannot be loaded).
 */
final class KeptNativeLibrary {

    /** The system property naming the directory. */
    static final String DIRECTORY = "idem.sqlite.native-dir";

    private static boolean settled;

    private KeptNativeLibrary() {
    }

    /** Points sqlite-jdbc at the kept copy, keeping one first if there is none; once per process. */
    static synchronized void use() {
        if (settled) {
            return;
        }
        settled = true;
        String directory = System.getProperty(DIRECTORY);
        if (directory == null || directory.isBlank() || System.getProperty("org.sqlite.lib.path") != null
                || System.getProperty("org.sqlite.lib.name") != null) {
            return;
        }
        try {
            String name = LibraryLoaderUtil.getNativeLibName();
            Path kept = Path.of(directory, SQLiteJDBCLoader.getVersion(), name);
            if (!Files.isRegularFile(kept) && !keep(LibraryLoaderUtil.getNativeLibResourcePath() + "/" + name, kept)) {
                return;
            }
            System.setProperty("org.sqlite.lib.path", kept.getParent().toString());
            System.setProperty("org.sqlite.lib.name", name);
        } catch (IOException | RuntimeException e) {
            // sqlite-jdbc extracts its own copy, as it does without the property
        }
    }

    private static boolean keep(String resource, Path kept) throws IOException {
        String path = resource.startsWith("/") ? resource.substring(1) : resource;
        try (InputStream in = SQLiteJDBCLoader.class.getClassLoader().getResourceAsStream(path)) {
            if (in == null) {
                return false;   // no library for this platform in the jar: sqlite-jdbc looks elsewhere
            }
            Files.createDirectories(kept.getParent());
            Path partial = Files.createTempFile(kept.getParent(), kept.getFileName().toString(), ".partial");
            try {
                Files.copy(in, partial, StandardCopyOption.REPLACE_EXISTING);
                Files.move(partial, kept, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } finally {
                Files.deleteIfExists(partial);
            }
            return true;
        }
    }
}
