package dev.idem.cli;

import dev.idem.port.in.SpecInput;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Objects;

/**
 * What the CLI reads from the outside world: environment variables, the working directory, and whether
 * the standard streams are terminals. In-process tests pass their own.
 *
 * @param env            environment variables
 * @param workingDir     where relative paths (and {@code .idem/}) resolve
 * @param interactive    whether idem runs on a terminal (progress bars only then)
 * @param stdoutTerminal whether standard output is a terminal (replies are then shown escaped, see
 *                       {@link TerminalText})
 */
record CliEnvironment(Map<String, String> env, Path workingDir, boolean interactive, boolean stdoutTerminal) {

    CliEnvironment {
        env = Map.copyOf(env);
        Objects.requireNonNull(workingDir, "workingDir");
    }

    /** An environment whose standard output is a terminal exactly when it is {@code interactive}. */
    CliEnvironment(Map<String, String> env, Path workingDir, boolean interactive) {
        this(env, workingDir, interactive, interactive);
    }

    static CliEnvironment system() {
        boolean console = System.console() != null;
        return new CliEnvironment(System.getenv(), Path.of("").toAbsolutePath(), console,
                console || stdoutIsTerminalDevice());
    }

    /**
     * Java 17 can tell only whether stdin and stdout both are terminals ({@link System#console()}); with stdin
     * redirected ({@code echo | idem run ...}) stdout may still be one, which Linux shows in {@code /proc}.
     */
    private static boolean stdoutIsTerminalDevice() {
        try {
            String device = Files.readSymbolicLink(Path.of("/proc/self/fd/1")).toString();
            return device.startsWith("/dev/pts/") || device.startsWith("/dev/tty");
        } catch (IOException | UnsupportedOperationException | SecurityException e) {
            return false;
        }
    }

    String get(String name) {
        String v = env.get(name);
        return v == null || v.isBlank() ? null : v;
    }

    Path resolve(String path) {
        return workingDir.resolve(path).normalize();
    }

    /**
     * A value as given, or the UTF-8 content of a file for {@code @path}: a regular file of at most
     * {@link SpecInput#MAX_FILE_BYTES}, like a spec. A FIFO would block until a writer comes and a
     * device such as {@code /dev/zero} never ends, so neither is read.
     */
    String valueOrFile(String option, String value) {
        if (!value.startsWith("@")) {
            return value;
        }
        Path file = resolve(value.substring(1));
        if (Files.isDirectory(file)) {
            throw new UsageException(option + ": " + file + " is a directory (name a file)");
        }
        if (Files.exists(file) && !Files.isRegularFile(file)) {
            throw new UsageException(option + ": " + file + " is not a regular file (a FIFO, device or socket); "
                    + "idem reads values from regular files");
        }
        try (InputStream in = Files.newInputStream(file)) {
            byte[] bytes = in.readNBytes(SpecInput.MAX_FILE_BYTES + 1);
            if (bytes.length > SpecInput.MAX_FILE_BYTES) {
                throw new UsageException(option + ": " + file + " is larger than 2 MiB (the limit for a value read "
                        + "from a file, as for a spec file)");
            }
            return StandardCharsets.UTF_8.newDecoder().decode(java.nio.ByteBuffer.wrap(bytes)).toString();
        } catch (CharacterCodingException e) {
            throw new UsageException(option + ": " + file + " is not UTF-8 text");
        } catch (IOException e) {
            throw new UsageException(option + ": cannot read " + file + " (" + e.getClass().getSimpleName()
                    .replace("Exception", "").replaceAll("([a-z])([A-Z])", "$1 $2").toLowerCase(java.util.Locale.ROOT)
                    + ")");
        }
    }

    static void println(PrintWriter w, String line) {
        w.println(line);
        w.flush();
    }
}
