package dev.idem.adapter.redis;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * Gives tests a real Redis server ({@link RedisTestServer}, injected as a constructor or method parameter):
 * the one named by {@code IDEM_TEST_REDIS} (system property {@code idem.test.redis} or environment variable),
 * else a {@code redis-server} from the PATH started on a free port of 127.0.0.1 for this test run. With
 * neither, the tests fail: a store test that silently skips would hide a missing dependency in CI.
 *
 * <p>Only one database index is ever flushed: the URI's own when it names one other than 0, else 15.
 */
final class RedisServerExtension implements BeforeAllCallback, ParameterResolver {

    static final String NO_REDIS = "no Redis for the tests: install redis-server (apt-get install redis-server)"
            + " or set IDEM_TEST_REDIS=redis://127.0.0.1:6379/15";
    private static final int TEST_DATABASE = 15;
    private static final ExtensionContext.Namespace NAMESPACE = ExtensionContext.Namespace.create(RedisServerExtension.class);

    @Override
    public void beforeAll(ExtensionContext context) throws Exception {
        server(context).flush();
    }

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
        return parameter.getParameter().getType() == RedisTestServer.class;
    }

    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
        return server(context);
    }

    private static RedisTestServer server(ExtensionContext context) {
        // One server for the whole test run, stopped when the run ends (the root store closes it).
        return context.getRoot().getStore(NAMESPACE)
                .getOrComputeIfAbsent(RunningServer.class, k -> RunningServer.start(), RunningServer.class)
                .server();
    }

    /** A server this extension found or started; closing stops the one it started. */
    static final class RunningServer implements AutoCloseable {
        private final RedisTestServer server;
        private final Process process;

        private RunningServer(RedisTestServer server, Process process) {
            this.server = server;
            this.process = process;
        }

        RedisTestServer server() {
            return server;
        }

        static RunningServer start() {
            String configured = configured();
            if (configured != null) {
                return new RunningServer(new RedisTestServer(onTestDatabase(URI.create(configured))), null);
            }
            Path executable = onPath("redis-server");
            if (executable == null) {
                throw new IllegalStateException(NO_REDIS);
            }
            try {
                int port = freePort();
                Process process = new ProcessBuilder(executable.toString(), "--port", Integer.toString(port),
                        "--bind", "127.0.0.1", "--save", "", "--appendonly", "no")
                        .redirectErrorStream(true)
                        .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                        .start();
                RunningServer running = new RunningServer(
                        new RedisTestServer(URI.create("redis://127.0.0.1:" + port + "/" + TEST_DATABASE)), process);
                running.awaitPong(port);
                return running;
            } catch (IOException e) {
                throw new IllegalStateException("could not start redis-server for the tests: " + e.getMessage(), e);
            }
        }

        private static String configured() {
            String property = System.getProperty("idem.test.redis");
            // An unset variable reaches us from the POM as the unresolved "${env.IDEM_TEST_REDIS}".
            if (property != null && !property.isBlank() && !property.startsWith("${")) {
                return property.trim();
            }
            String env = System.getenv("IDEM_TEST_REDIS");
            return env == null || env.isBlank() ? null : env.trim();
        }

        private static URI onTestDatabase(URI uri) {
            String path = uri.getPath();
            boolean ownDatabase = path != null && path.matches("/\\d+") && !path.equals("/0");
            if (ownDatabase) {
                return uri;
            }
            try {
                return new URI(uri.getScheme(), uri.getUserInfo(), uri.getHost(), uri.getPort(),
                        "/" + TEST_DATABASE, uri.getQuery(), uri.getFragment());
            } catch (URISyntaxException e) {
                throw new IllegalStateException("IDEM_TEST_REDIS is not a redis:// URI", e);
            }
        }

        private static Path onPath(String name) {
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

        private static int freePort() throws IOException {
            try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
                return socket.getLocalPort();
            }
        }

        private void awaitPong(int port) {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(15);
            while (System.nanoTime() < deadline) {
                if (!process.isAlive()) {
                    throw new IllegalStateException("redis-server exited at start (exit code "
                            + process.exitValue() + "); is port " + port + " taken?");
                }
                if (pong(port)) {
                    return;
                }
                try {
                    Thread.sleep(50);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    break;
                }
            }
            close();
            throw new IllegalStateException("redis-server did not answer PING on 127.0.0.1:" + port);
        }

        private static boolean pong(int port) {
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

        @Override
        public void close() {
            if (process == null) {
                return;
            }
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
}
