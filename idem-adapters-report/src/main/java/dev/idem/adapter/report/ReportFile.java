package dev.idem.adapter.report;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.AccessDeniedException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Set;

/**
 * Writes a report to the path a user named, as that kind of path expects:
 * <ul>
 *   <li>a regular file, or a path where nothing exists yet, is replaced atomically: the bytes go to a temporary
 *       file beside it, are forced to disk, and the temporary file is renamed over it, so readers only ever see
 *       the previous report or the complete new one;</li>
 *   <li>a symbolic link stays a link: its final target (existing or not) is replaced atomically in its own
 *       directory;</li>
 *   <li>a character device ({@code /dev/null}), a FIFO ({@code >(jq .)}) or a file descriptor
 *       ({@code /dev/stdout}, {@code /dev/fd/N}) is written to directly: renaming over it would replace a system
 *       file, or the pipe a reader waits on, with a regular file;</li>
 *   <li>a directory is refused.</li>
 * </ul>
 */
final class ReportFile {

    /** Produces a report's bytes; may fail half-way, in which case nothing of it becomes visible in a file. */
    @FunctionalInterface
    interface Content {
        void writeTo(OutputStream out) throws IOException;
    }

    // Temporary files are created 0600; a report is meant to be read by others (CI artifacts, browsers).
    private static final Set<PosixFilePermission> NEW_REPORT_PERMISSIONS = PosixFilePermissions.fromString("rw-r--r--");
    // As the kernel's own limit (MAXSYMLINKS): a longer chain is a loop.
    private static final int MAX_LINKS = 40;

    private ReportFile() {
    }

    static void write(Path target, Content content) {
        Path absolute = target.toAbsolutePath().normalize();
        try {
            if (isDescriptor(absolute)) {
                writeDirectly(absolute, content);
                return;
            }
            BasicFileAttributes found = attributesFollowingLinks(absolute);
            if (found == null) {
                writeAtomically(finalTarget(absolute), content);
            } else if (found.isDirectory()) {
                throw new FileSystemException(null, null, "it is a directory (name a file)");
            } else if (found.isRegularFile()) {
                writeAtomically(finalTarget(absolute), content);
            } else {
                writeDirectly(absolute, content);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write report " + absolute + ": " + reason(e), e);
        }
    }

    /** Writes a report to a stream (standard output): flushed, left open. */
    static void write(OutputStream stream, Content content) {
        try {
            content.writeTo(stream);
            stream.flush();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write report to the output stream: " + reason(e), e);
        }
    }

    /** The attributes of what the path finally names, or null when nothing exists there (a dangling link too). */
    private static BasicFileAttributes attributesFollowingLinks(Path path) throws IOException {
        try {
            return Files.readAttributes(path, BasicFileAttributes.class);
        } catch (NoSuchFileException e) {
            return null;
        }
    }

    /**
     * Whether the path, or a link on the way, goes through {@code /proc} or {@code /dev/fd}: an open file
     * descriptor such as {@code /dev/stdout}. Its link does not name a file that could be replaced (it reads
     * {@code pipe:[123]}), and even when it leads to a regular file the writer shares that descriptor with the
     * shell that redirected it, so a new file in its place would receive what the shell never sees.
     */
    private static boolean isDescriptor(Path path) throws IOException {
        Path current = path;
        for (int hops = 0; hops <= MAX_LINKS; hops++) {
            String text = current.toString();
            if (text.startsWith("/proc/") || text.startsWith("/dev/fd/")) {
                return true;
            }
            if (!Files.isSymbolicLink(current)) {
                return false;
            }
            current = resolveLink(current);
        }
        return false;
    }

    /** Follows symbolic links to the path that finally names a file (which may not exist yet). */
    private static Path finalTarget(Path path) throws IOException {
        Path current = path;
        for (int hops = 0; hops < MAX_LINKS; hops++) {
            if (!Files.isSymbolicLink(current)) {
                return current;
            }
            current = resolveLink(current);
        }
        throw new FileSystemException(path.toString(), null, "too many levels of symbolic links");
    }

    private static Path resolveLink(Path link) throws IOException {
        Path parent = link.getParent();
        Path target = Files.readSymbolicLink(link);
        return (parent == null ? target : parent.resolve(target)).normalize();
    }

    private static void writeDirectly(Path path, Content content) throws IOException {
        // No CREATE, no TRUNCATE: the device or pipe exists, and truncating means nothing to it.
        try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(path, StandardOpenOption.WRITE))) {
            content.writeTo(out);
        }
    }

    private static void writeAtomically(Path absolute, Content content) throws IOException {
        Path directory = absolute.getParent();
        Path temporary = null;
        try {
            Files.createDirectories(directory);
            temporary = Files.createTempFile(directory, "." + absolute.getFileName(), ".tmp");
            try (FileChannel channel = FileChannel.open(temporary, StandardOpenOption.WRITE,
                    StandardOpenOption.TRUNCATE_EXISTING);
                 OutputStream out = new BufferedOutputStream(Channels.newOutputStream(channel))) {
                content.writeTo(out);
                out.flush();
                channel.force(true);
            }
            copyPermissions(absolute, temporary);
            move(temporary, absolute);
            temporary = null;
        } finally {
            if (temporary != null) {
                deleteQuietly(temporary);
            }
        }
    }

    private static void copyPermissions(Path target, Path temporary) throws IOException {
        PosixFileAttributeView view = Files.getFileAttributeView(temporary, PosixFileAttributeView.class);
        if (view == null) {
            return;
        }
        Set<PosixFilePermission> permissions = Files.exists(target)
                ? Files.getPosixFilePermissions(target)
                : NEW_REPORT_PERMISSIONS;
        view.setPermissions(permissions);
    }

    private static void move(Path temporary, Path target) throws IOException {
        try {
            Files.move(temporary, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(temporary, target, StandardCopyOption.REPLACE_EXISTING);
        }
    }

    private static void deleteQuietly(Path temporary) {
        try {
            Files.deleteIfExists(temporary);
        } catch (IOException ignored) {
            // The original failure is the one worth reporting; a stray hidden .tmp file is harmless.
        }
    }

    private static String reason(IOException e) {
        if (e instanceof FileSystemException fs) {
            String what = fs instanceof AccessDeniedException ? "access denied"
                    : fs instanceof NoSuchFileException ? "no such file or directory"
                    : fs instanceof FileAlreadyExistsException ? "a file is in the way"
                    : fs instanceof DirectoryNotEmptyException ? "a non-empty directory is in the way"
                    : fs instanceof NotDirectoryException ? "not a directory"
                    : fs.getReason() != null ? fs.getReason() : fs.getClass().getSimpleName();
            return fs.getFile() == null ? what : what + ": " + fs.getFile();
        }
        return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    }
}
