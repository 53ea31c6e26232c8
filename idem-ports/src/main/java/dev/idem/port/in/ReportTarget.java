package dev.idem.port.in;

import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Objects;
import java.util.Optional;

/**
 * Where an evaluation writes one of its reports: to a file path, as that kind of path expects (a regular file, or a
 * path where nothing exists yet, is replaced atomically; a symbolic link stays a link and its target gets the
 * report; a FIFO or a device is written to directly), or to a stream such as standard output. A directory is
 * refused when the target is made, before any model call.
 *
 * @param format the report's format: {@code json}, {@code junit}, {@code md}, {@code html}
 * @param label  how the caller names this report in messages, e.g. {@code --report-json}
 * @param file   the path, for a report that goes to a file
 * @param stream the stream, for a report that goes to one; flushed, never closed
 */
public record ReportTarget(String format, String label, Optional<Path> file, Optional<OutputStream> stream) {

    /**
     * @throws InvalidCommandException if the format is missing, both places or neither is given, or the path is a
     *                                 directory
     */
    public ReportTarget {
        InvalidCommandException.required(format, "report format");
        label = label == null || label.isBlank() ? format + " report" : label;
        file = file == null ? Optional.empty() : file;
        stream = stream == null ? Optional.empty() : stream;
        if (file.isPresent() == stream.isPresent()) {
            throw new InvalidCommandException(label + ": give either a file or a stream");
        }
        if (file.isPresent() && Files.isDirectory(file.get())) {
            throw new InvalidCommandException(label + ": " + file.get() + " is a directory (name a file)");
        }
    }

    /** A report in a file. */
    public static ReportTarget file(String format, Path file) {
        return new ReportTarget(format, null, Optional.of(InvalidCommandException.required(file, "report file")),
                Optional.empty());
    }

    /** A report on a stream, e.g. standard output. */
    public static ReportTarget stream(String format, OutputStream stream) {
        return new ReportTarget(format, null, Optional.empty(),
                Optional.of(InvalidCommandException.required(stream, "report stream")));
    }
}
