package dev.idem.adapter.openai;

import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocketFactory;

/**
 * A certificate for 127.0.0.1 and localhost made at test time with the JDK's own {@code keytool}, so a TLS test server needs
 * no certificate checked into the repository and no extra library.
 */
final class SelfSignedTls {

    private static final String ALIAS = "idem-test";
    private static final char[] PASSWORD = "changeit".toCharArray();

    private final SSLSocketFactory serverSockets;
    private final X509Certificate certificate;

    private SelfSignedTls(SSLSocketFactory serverSockets, X509Certificate certificate) {
        this.serverSockets = serverSockets;
        this.certificate = certificate;
    }

    static SelfSignedTls create(Path directory) throws Exception {
        Path store = directory.resolve("server.p12");
        String keytool = Path.of(System.getProperty("java.home"), "bin", "keytool").toString();
        Process process = new ProcessBuilder(List.of(keytool, "-genkeypair", "-alias", ALIAS, "-keyalg", "RSA",
                "-keysize", "2048", "-dname", "CN=127.0.0.1", "-ext", "SAN=ip:127.0.0.1,dns:localhost", "-validity", "2",
                "-storetype", "PKCS12", "-keystore", store.toString(), "-storepass", new String(PASSWORD),
                "-keypass", new String(PASSWORD))).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes());
        if (!process.waitFor(60, TimeUnit.SECONDS) || process.exitValue() != 0) {
            throw new IllegalStateException("keytool failed: " + output);
        }
        KeyStore keys = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(store)) {
            keys.load(in, PASSWORD);
        }
        KeyManagerFactory managers = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        managers.init(keys, PASSWORD);
        SSLContext server = SSLContext.getInstance("TLS");
        server.init(managers.getKeyManagers(), null, null);
        return new SelfSignedTls(server.getSocketFactory(), (X509Certificate) keys.getCertificate(ALIAS));
    }

    SSLSocketFactory serverSockets() {
        return serverSockets;
    }

    X509Certificate certificate() {
        return certificate;
    }
}
