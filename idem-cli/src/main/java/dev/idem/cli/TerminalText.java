package dev.idem.cli;

import java.io.PrintWriter;
import java.io.Writer;

/**
 * Text on its way to a person's terminal, with every character that could steer the terminal made visible:
 * C0 controls but newline and tab (ESC starts OSC 52 clipboard writes, OSC 0 title changes, {@code ESC[2J}),
 * DEL, C1 controls (U+0080–U+009F, which some terminals obey as 8-bit escapes), the line and paragraph
 * separators, and the bidirectional overrides and isolates that reorder what is shown (Trojan Source). Each
 * becomes {@code \}{@code uXXXX}, which reads plainly and, inside a JSON string, decodes to the very same
 * character, so JSON stays valid and equal.
 *
 * <p>Model replies, spec and evaluator names, case labels and server-supplied strings all reach the terminal
 * through {@link #escaping(PrintWriter)}; only data (a reply printed raw into a pipe, a report on stdout) bypasses it.
 */
final class TerminalText {

    private TerminalText() {
    }

    /** The text with every unsafe character escaped; newlines and tabs stay. */
    static String escape(String text) {
        if (text == null) {
            return "";
        }
        StringBuilder sb = null;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (isUnsafe(c)) {
                if (sb == null) {
                    sb = new StringBuilder(text.length() + 16).append(text, 0, i);
                }
                appendEscaped(sb, c);
            } else if (sb != null) {
                sb.append(c);
            }
        }
        return sb == null ? text : sb.toString();
    }

    /** A writer that escapes everything written through it into {@code raw}. */
    static PrintWriter escaping(PrintWriter raw) {
        return new PrintWriter(new EscapingWriter(raw));
    }

    static boolean isUnsafe(char c) {
        if (c < 0x20) {
            return c != '\n' && c != '\t';
        }
        return c == 0x7f
                || (c >= 0x80 && c <= 0x9f)
                || c == '\u061c' || c == '\u200e' || c == '\u200f'
                || (c >= '\u202a' && c <= '\u202e')
                || (c >= '\u2066' && c <= '\u2069')
                || c == '\u2028' || c == '\u2029';
    }

    private static void appendEscaped(StringBuilder sb, char c) {
        sb.append(String.format("\\u%04x", (int) c));
    }

    /** Escapes character by character: every unsafe character is a single UTF-16 unit, so nothing is split. */
    private static final class EscapingWriter extends Writer {
        private final PrintWriter raw;

        EscapingWriter(PrintWriter raw) {
            super(raw);
            this.raw = raw;
        }

        @Override
        public void write(char[] chars, int offset, int length) {
            raw.write(escape(new String(chars, offset, length)));
        }

        @Override
        public void write(String text, int offset, int length) {
            raw.write(escape(text.substring(offset, offset + length)));
        }

        @Override
        public void flush() {
            raw.flush();
        }

        @Override
        public void close() {
            raw.flush();
        }
    }
}
