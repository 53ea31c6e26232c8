package dev.idem.cli;

import java.io.IOException;
import java.io.OutputStream;
import java.io.Writer;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/**
 * UTF-8 bytes written onto a {@link Writer}: for what speaks in bytes (a report writer, a progress bar's print stream)
 * where the CLI holds writers (its stdout and stderr, which in-process tests capture). Bytes are decoded as they come,
 * so a character split between two writes arrives whole. Closing it flushes the writer and leaves it open.
 */
final class TextOutputStream extends OutputStream {

    private final Writer writer;
    private final CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
            .onMalformedInput(CodingErrorAction.REPLACE).onUnmappableCharacter(CodingErrorAction.REPLACE);
    private final ByteBuffer bytes = ByteBuffer.allocate(8192);
    private final CharBuffer chars = CharBuffer.allocate(8192);

    TextOutputStream(Writer writer) {
        this.writer = writer;
    }

    @Override
    public void write(int b) throws IOException {
        write(new byte[] {(byte) b}, 0, 1);
    }

    @Override
    public void write(byte[] b, int off, int len) throws IOException {
        int from = off;
        int left = len;
        while (left > 0) {
            int n = Math.min(left, bytes.remaining());
            bytes.put(b, from, n);
            from += n;
            left -= n;
            decode(false);
        }
    }

    @Override
    public void flush() throws IOException {
        decode(false);
        writer.flush();
    }

    @Override
    public void close() throws IOException {
        decode(true);
        decoder.flush(chars);
        drain();
        writer.flush();
    }

    /** Decodes every complete character buffered; an incomplete one at the end waits for its next bytes. */
    private void decode(boolean endOfInput) throws IOException {
        bytes.flip();
        CoderResult result;
        do {
            result = decoder.decode(bytes, chars, endOfInput);
            drain();
        } while (result.isOverflow());
        bytes.compact();
    }

    private void drain() throws IOException {
        chars.flip();
        writer.append(chars);
        chars.clear();
    }
}
