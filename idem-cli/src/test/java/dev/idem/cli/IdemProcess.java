package dev.idem.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

/**
 * {@code idem ARGS} in a child JVM (the test class path), in a directory of the test's, with stdout and stderr in
 * files there: for what only a real process shows (signals, what libraries print to the real stderr).
 */
final class IdemProcess implements AutoCloseable {

    private final Process process;
    private final Path dir;

    private IdemProcess(Process process, Path dir) {
        this.process = process;
        this.dir = dir;
    }

    static IdemProcess start(Path dir, Map<String, String> env, String... args) throws IOException {
        return start(dir, env, idem(List.of(), args));
    }

    /** {@code idem ARGS} in a JVM started with these options as well (e.g. a class-loading log). */
    static IdemProcess start(Path dir, Map<String, String> env, List<String> jvmOptions, String... args)
            throws IOException {
        return start(dir, env, idem(jvmOptions, args));
    }

    /**
     * {@code idem ARGS} on a terminal of its own (util-linux {@code script} gives it a pseudo-terminal for stdin,
     * stdout and stderr), with {@code redirection} applied by the shell, e.g. {@code 2>eval.log}; {@link #out()} is
     * what the terminal showed.
     */
    static IdemProcess startOnTerminal(Path dir, Map<String, String> env, String redirection, String... args)
            throws IOException {
        String line = idem(List.of(), args).stream().map(IdemProcess::quoted).collect(Collectors.joining(" ")) + " "
                + redirection;
        return start(dir, env, List.of("script", "-qec", line, "/dev/null"));
    }

    private static IdemProcess start(Path dir, Map<String, String> env, List<String> command) throws IOException {
        ProcessBuilder builder = new ProcessBuilder(command).directory(dir.toFile())
                .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
                .redirectOutput(dir.resolve("out").toFile()).redirectError(dir.resolve("err").toFile());
        builder.environment().remove("IDEM_STORE");
        builder.environment().remove("IDEM_PROVIDER");
        builder.environment().putAll(env);
        return new IdemProcess(builder.start(), dir);
    }

    private static List<String> idem(List<String> jvmOptions, String... args) {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java")
                .toString(), "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC"));
        command.addAll(jvmOptions);
        command.addAll(List.of("-cp", testClassPath(), Main.class.getName()));
        command.addAll(List.of(args));
        return command;
    }

    private static String quoted(String word) {
        return "'" + word.replace("'", "'\\''") + "'";
    }

    private static String testClassPath() {
        // Surefire may hand the forked JVM a manifest-only jar; its own property holds the real class path.
        String surefire = System.getProperty("surefire.test.class.path");
        return surefire != null && !surefire.isBlank() ? surefire : System.getProperty("java.class.path");
    }

    /** Sends a signal by name ({@code INT}, {@code TERM}). */
    void signal(String name) throws IOException, InterruptedException {
        Process kill = new ProcessBuilder("kill", "-" + name, Long.toString(process.pid())).start();
        assertThat(kill.waitFor(10, TimeUnit.SECONDS)).isTrue();
        assertThat(kill.exitValue()).isZero();
    }

    /** Waits for the exit and returns its code. */
    int exitCode(long seconds) throws InterruptedException {
        assertThat(process.waitFor(seconds, TimeUnit.SECONDS)).as("idem exited; stderr: " + err()).isTrue();
        return process.exitValue();
    }

    boolean isAlive() {
        return process.isAlive();
    }

    String out() {
        return read("out");
    }

    String err() {
        return read("err");
    }

    private String read(String file) {
        try {
            return Files.readString(dir.resolve(file), StandardCharsets.UTF_8);
        } catch (IOException e) {
            return "";
        }
    }

    @Override
    public void close() {
        process.destroyForcibly();
    }
}
