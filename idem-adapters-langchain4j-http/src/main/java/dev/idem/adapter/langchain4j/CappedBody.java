package dev.idem.adapter.langchain4j;

import java.io.ByteArrayOutputStream;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.charset.Charset;
import java.nio.charset.IllegalCharsetNameException;
import java.nio.charset.StandardCharsets;
import java.nio.charset.UnsupportedCharsetException;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Flow;

/**
 * A body read as text, like {@link HttpResponse.BodyHandlers#ofString()}, but never more than a limit of bytes:
 * past it, the exchange is cancelled (which closes the connection) and the body fails with a
 * {@link BodyTooLargeException}. Chunked, endless and streamed bodies are counted as they arrive.
 */
final class CappedBody implements HttpResponse.BodySubscriber<String> {

    private final long limit;
    private final Charset charset;
    private final CompletableFuture<String> text = new CompletableFuture<>();
    private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    private Flow.Subscription subscription;

    private CappedBody(long limit, Charset charset) {
        this.limit = limit;
        this.charset = charset;
    }

    /** Reads every body with this limit, in the charset its {@code Content-Type} names (UTF-8 if none). */
    static HttpResponse.BodyHandler<String> handler(long limit) {
        return info -> {
            CappedBody body = new CappedBody(limit, charsetOf(info.headers().firstValue("Content-Type").orElse("")));
            // A declared length over the limit fails before a byte is read.
            info.headers().firstValueAsLong("Content-Length").ifPresent(length -> {
                if (length > limit) {
                    body.text.completeExceptionally(new BodyTooLargeException(limit));
                }
            });
            return body;
        };
    }

    @Override
    public void onSubscribe(Flow.Subscription s) {
        subscription = s;
        if (text.isDone()) {
            s.cancel();
        } else {
            s.request(Long.MAX_VALUE);
        }
    }

    @Override
    public void onNext(List<ByteBuffer> items) {
        if (text.isDone()) {
            return;
        }
        for (ByteBuffer item : items) {
            if (bytes.size() + (long) item.remaining() > limit) {
                subscription.cancel();
                text.completeExceptionally(new BodyTooLargeException(limit));
                return;
            }
            byte[] chunk = new byte[item.remaining()];
            item.get(chunk);
            bytes.write(chunk, 0, chunk.length);
        }
    }

    @Override
    public void onError(Throwable failure) {
        text.completeExceptionally(failure);
    }

    @Override
    public void onComplete() {
        text.complete(bytes.toString(charset));
    }

    @Override
    public CompletionStage<String> getBody() {
        return text;
    }

    private static Charset charsetOf(String contentType) {
        for (String parameter : contentType.split(";")) {
            String p = parameter.strip();
            if (p.toLowerCase(Locale.ROOT).startsWith("charset=")) {
                try {
                    return Charset.forName(p.substring("charset=".length()).replace("\"", "").strip());
                } catch (IllegalCharsetNameException | UnsupportedCharsetException unknown) {
                    return StandardCharsets.UTF_8;
                }
            }
        }
        return StandardCharsets.UTF_8;
    }
}
