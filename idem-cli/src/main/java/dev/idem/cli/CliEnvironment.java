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
import java.util.Optional;

/**
 * What the CLI reads from the outside world: environment variables, the working directory, and whether
 * the standard streams are terminals. In-process tests pass their own.
 *
 * @param env            environment variables
 * @param workingDir     where relative paths (and {@code .idem/}) resolve
 * @param stderrTerminal whether standard error is a terminal (progress bars only then)
 * @param stdoutTerminal whether standard output is a terminal (replies are then shown escaped, see
 *                       {@link TerminalText})
 * @param stdin          standard input, for values given as {@code @-}
 */
record CliEnvironment(Map<String, String> env, Path workingDir, boolean stderrTerminal, boolean stdoutTerminal,
                      StandardInput stdin) {

    CliEnvironment {
        env = Map.copyOf(env);
        Objects.requireNonNull(workingDir, "workingDir");
        Objects.requireNonNull(stdin, "stdin");
    }

    /** An environment with nothing on standard input. */
    CliEnvironment(Map<String, String> env, Path workingDir, boolean stderrTerminal, boolean stdoutTerminal) {
        this(env, workingDir, stderrTerminal, stdoutTerminal, StandardInput.empty());
    }

    /** An environment whose standard output and standard error both are terminals, or neither is. */
    CliEnvironment(Map<String, String> env, Path workingDir, boolean onTerminal) {
        this(env, workingDir, onTerminal, onTerminal);
    }

    /**
     * Java 17 can tell only whether stdin and stdout both are terminals ({@link System#console()}), which says
     * nothing of stderr ({@code idem eval ... 2>eval.log} on a terminal) and is false for a terminal's stdout when
     * stdin is redirected ({@code echo | idem run ...}). Linux shows each descriptor's device in {@code /proc}; where
     * there is no {@code /proc}, the console decides for both.
     */
    static CliEnvironment system() {
        boolean console = System.console() != null;
        return new CliEnvironment(System.getenv(), Path.of("").toAbsolutePath(),
                terminalDevice(2).orElse(console), console || terminalDevice(1).orElse(false),
                new StandardInput(System.in));
    }

    /** Whether the descriptor is a terminal, or empty when this system cannot say. */
    private static Optional<Boolean> terminalDevice(int descriptor) {
        Path fds = Path.of("/proc/self/fd");
        if (!Files.isDirectory(fds)) {
            return Optional.empty();
        }
        try {
            String device = Files.readSymbolicLink(fds.resolve(Integer.toString(descriptor))).toString();
            return Optional.of(device.startsWith("/dev/pts/") || device.startsWith("/dev/tty"));
        } catch (IOException | UnsupportedOperationException | SecurityException e) {
            return Optional.of(false);
        }
    }

    /**
     * Whether output to a stream should be coloured: only on a terminal, never with {@code NO_COLOR} set to anything
     * (no-color.org) or on a terminal that says it is {@code dumb}.
     */
    boolean wantsColour(boolean terminal) {
        return terminal && get("NO_COLOR") == null && !"dumb".equals(get("TERM"));
    }

    String get(String name) {
        String v = env.get(name);
        return v == null || v.isBlank() ? null : v;
    }

    Path resolve(String path) {
        return workingDir.resolve(path).normalize();
    }

    /**
     * A value as given, the UTF-8 content of a file for {@code @path}, or of standard input for {@code @-}: at most
     * {@link SpecInput#MAX_FILE_BYTES}, like a spec. A file must be a regular one: a FIFO would block until a writer
     * comes and a device such as {@code /dev/zero} never ends, so neither is read.
     */
    String valueOrFile(String option, String value) {
        if (!value.startsWith("@")) {
            return value;
        }
        if (value.equals("@-")) {
            return fromStdin(option);
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
            return text(option, file.toString(), in.readNBytes(SpecInput.MAX_FILE_BYTES + 1));
        } catch (IOException e) {
            throw new UsageException(option + ": cannot read " + file + " (" + words(e) + ")");
        }
    }

    private String fromStdin(String option) {
        try {
            return text(option, "standard input", stdin.take(option, SpecInput.MAX_FILE_BYTES + 1));
        } catch (IOException e) {
            throw new UsageException(option + ": cannot read standard input (" + words(e) + ")");
        }
    }

    private static String text(String option, String source, byte[] bytes) {
        if (bytes.length > SpecInput.MAX_FILE_BYTES) {
            throw new UsageException(option + ": " + source + " is larger than 2 MiB (the limit for a value read "
                    + "from a file, as for a spec file)");
        }
        try {
            return StandardCharsets.UTF_8.newDecoder().decode(java.nio.ByteBuffer.wrap(bytes)).toString();
        } catch (CharacterCodingException e) {
            throw new UsageException(option + ": " + source + " is not UTF-8 text");
        }
    }

    private static String words(IOException e) {
        return e.getClass().getSimpleName().replace("Exception", "").replaceAll("([a-z])([A-Z])", "$1 $2")
                .toLowerCase(java.util.Locale.ROOT);
    }

    static void println(PrintWriter w, String line) {
        w.println(line);
        w.flush();
    }
}
