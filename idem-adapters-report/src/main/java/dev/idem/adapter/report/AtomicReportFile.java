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
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Set;

/**
 * Writes a report so that readers only ever see the previous file or the complete new one: the bytes go to a
 * temporary file beside the target, are forced to disk, and the temporary file is renamed over the target.
 */
final class AtomicReportFile {

    /** Produces a report's bytes; may fail half-way, in which case nothing of it becomes visible. */
    @FunctionalInterface
    interface Content {
        void writeTo(OutputStream out) throws IOException;
    }

    // Temporary files are created 0600; a report is meant to be read by others (CI artifacts, browsers).
    private static final Set<PosixFilePermission> NEW_REPORT_PERMISSIONS = PosixFilePermissions.fromString("rw-r--r--");

    private AtomicReportFile() {
    }

    static void write(Path target, Content content) {
        Path absolute = target.toAbsolutePath().normalize();
        Path directory = absolute.getParent();
        Path temporary = null;
        try {
            if (Files.isDirectory(absolute)) {
                // A rename would silently replace an empty directory; a report never should.
                throw new IOException("it is a directory");
            }
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
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write report " + absolute + ": " + reason(e), e);
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
