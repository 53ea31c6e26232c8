package dev.idem.testkit;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A real {@code redis-server} of a test's own, on a free port of 127.0.0.1, with no persistence unless asked for:
 * the test can pause it ({@code SIGSTOP}), resume it, kill it ({@code SIGKILL}) and start it again on the same
 * port, as a hostile environment would. Needs {@code redis-server} on the PATH; without it the test fails with
 * {@link #NO_REDIS}, never skips.
 */
public final class RedisServerProcess implements AutoCloseable {

    /** What a test without a redis-server says. */
    public static final String NO_REDIS = "no Redis for the tests: install redis-server (apt-get install redis-server)"
            + " or set IDEM_TEST_REDIS=redis://127.0.0.1:6379/15";

    private final Path executable;
    private final int port;
    private final List<String> extraArgs;
    private Process process;

    private RedisServerProcess(Path executable, int port, List<String> extraArgs) {
        this.executable = executable;
        this.port = port;
        this.extraArgs = extraArgs;
    }

    /**
     * Starts a server and waits until it answers {@code PING}.
     *
     * @param extraArgs more {@code redis-server} options, e.g. {@code "--appendonly", "yes", "--dir", dir}
     */
    public static RedisServerProcess start(String... extraArgs) {
        Path executable = onPath("redis-server");
        if (executable == null) {
            throw new IllegalStateException(NO_REDIS);
        }
        RedisServerProcess server = new RedisServerProcess(executable, freePort(), List.of(extraArgs));
        server.launch();
        return server;
    }

    /** The URI of one of its databases, e.g. {@code redis://127.0.0.1:6390/0}. */
    public URI uri(int database) {
        return URI.create("redis://127.0.0.1:" + port + "/" + database);
    }

    public int port() {
        return port;
    }

    /** Stops the server's process where it is ({@code SIGSTOP}): connections stay open, nothing answers. */
    public void pause() {
        signal("STOP");
    }

    /** Lets a paused server go on ({@code SIGCONT}); it then answers what it was sent meanwhile. */
    public void resume() {
        signal("CONT");
    }

    /** Kills the server ({@code SIGKILL}): no goodbye, no save. */
    public void kill() {
        process.destroyForcibly();
        try {
            process.waitFor(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Starts the server again on the same port with the same options (after {@link #kill}). */
    public void restart() {
        launch();
    }

    @Override
    public void close() {
        if (process != null && process.isAlive()) {
            signal("CONT");
            process.destroy();
            try {
                if (!process.waitFor(10, TimeUnit.SECONDS)) {
                    process.destroyForcibly();
                }
            } catch (InterruptedException e) {
                process.destroyForcibly();
                Thread.currentThread().interrupt();
            }
        }
    }

    private void launch() {
        List<String> command = new ArrayList<>(List.of(executable.toString(), "--port", Integer.toString(port),
                "--bind", "127.0.0.1", "--save", ""));
        if (!extraArgs.contains("--appendonly")) {
            command.addAll(List.of("--appendonly", "no"));
        }
        command.addAll(extraArgs);
        try {
            process = new ProcessBuilder(command).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        } catch (IOException e) {
            throw new IllegalStateException("could not start redis-server for the tests: " + e.getMessage(), e);
        }
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(15);
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException("redis-server exited at start (exit code " + process.exitValue()
                        + "); is port " + port + " taken?");
            }
            if (pong()) {
                return;
            }
            sleep(50);
        }
        close();
        throw new IllegalStateException("redis-server did not answer PING on 127.0.0.1:" + port);
    }

    private void signal(String name) {
        try {
            Process kill = new ProcessBuilder("kill", "-" + name, Long.toString(process.pid()))
                    .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            kill.waitFor(10, TimeUnit.SECONDS);
        } catch (IOException e) {
            throw new IllegalStateException("cannot send SIG" + name + " to redis-server: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private boolean pong() {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 500);
            socket.setSoTimeout(500);
            OutputStream out = socket.getOutputStream();
            out.write("PING\r\n".getBytes(StandardCharsets.US_ASCII));
            out.flush();
            InputStream in = socket.getInputStream();
            byte[] buffer = new byte[16];
            int read = in.read(buffer);
            return read > 0 && new String(buffer, 0, read, StandardCharsets.US_ASCII).startsWith("+PONG");
        } catch (IOException e) {
            return false;
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** The executable of that name on the PATH, or null. */
    public static Path onPath(String name) {
        String path = System.getenv("PATH");
        if (path == null) {
            return null;
        }
        for (String dir : path.split(File.pathSeparator)) {
            Path candidate = Path.of(dir, name);
            if (Files.isExecutable(candidate)) {
                return candidate;
            }
        }
        return null;
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new IllegalStateException("no free port for redis-server: " + e.getMessage(), e);
        }
    }
}
