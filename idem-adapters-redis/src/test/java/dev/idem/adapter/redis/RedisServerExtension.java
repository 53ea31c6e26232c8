package dev.idem.adapter.redis;

import dev.idem.testkit.RedisServerProcess;
import java.net.URI;
import java.net.URISyntaxException;
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

    static final String NO_REDIS = RedisServerProcess.NO_REDIS;
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
        private final RedisServerProcess process;

        private RunningServer(RedisTestServer server, RedisServerProcess process) {
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
            RedisServerProcess process = RedisServerProcess.start();
            return new RunningServer(new RedisTestServer(process.uri(TEST_DATABASE)), process);
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

        @Override
        public void close() {
            if (process != null) {
                process.close();
            }
        }
    }
}
