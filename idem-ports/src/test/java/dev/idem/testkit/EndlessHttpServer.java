package dev.idem.testkit;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A hostile HTTP/1.1 server on 127.0.0.1: it answers every request with status 200 and a chunked body that never
 * ends, until the client closes the connection. MockWebServer cannot send an endless body, so this one speaks the
 * protocol itself. It counts requests and the bytes it managed to write.
 */
public final class EndlessHttpServer implements AutoCloseable {

    private static final byte[] CHUNK = ("{\"choices\":[{\"message\":{\"content\":\"" + "a".repeat(65_000))
            .getBytes(StandardCharsets.US_ASCII);

    private final ServerSocket socket;
    private final AtomicInteger requests = new AtomicInteger();
    private final AtomicLong written = new AtomicLong();
    private final Thread acceptor;

    public EndlessHttpServer() throws IOException {
        socket = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        acceptor = new Thread(this::acceptAll, "endless-http-server");
        acceptor.setDaemon(true);
        acceptor.start();
    }

    /** {@code http://127.0.0.1:<port>} followed by {@code path}. */
    public String url(String path) {
        return "http://127.0.0.1:" + socket.getLocalPort() + path;
    }

    /** Requests received so far. */
    public int requests() {
        return requests.get();
    }

    /** Body bytes written so far, over all connections. */
    public long bytesWritten() {
        return written.get();
    }

    private void acceptAll() {
        while (!socket.isClosed()) {
            try {
                Socket client = socket.accept();
                Thread t = new Thread(() -> serve(client), "endless-http-connection");
                t.setDaemon(true);
                t.start();
            } catch (IOException closed) {
                return;
            }
        }
    }

    private void serve(Socket client) {
        try (client) {
            readRequest(new BufferedInputStream(client.getInputStream()));
            requests.incrementAndGet();
            OutputStream out = client.getOutputStream();
            out.write(("HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            byte[] head = (Integer.toHexString(CHUNK.length) + "\r\n").getBytes(StandardCharsets.US_ASCII);
            byte[] tail = "\r\n".getBytes(StandardCharsets.US_ASCII);
            while (!socket.isClosed()) {
                out.write(head);
                out.write(CHUNK);
                out.write(tail);
                written.addAndGet(CHUNK.length);
            }
        } catch (IOException clientWentAway) {
            // what a well-behaved client does with an endless body
        }
    }

    private static void readRequest(InputStream in) throws IOException {
        StringBuilder line = new StringBuilder();
        long contentLength = 0;
        while (true) {
            int c = in.read();
            if (c < 0) {
                throw new IOException("connection closed before the request ended");
            }
            if (c != '\n') {
                line.append((char) c);
                continue;
            }
            String header = line.toString().strip();
            line.setLength(0);
            if (header.isEmpty()) {
                break;
            }
            if (header.toLowerCase(Locale.ROOT).startsWith("content-length:")) {
                contentLength = Long.parseLong(header.substring("content-length:".length()).strip());
            }
        }
        in.readNBytes((int) contentLength);
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
