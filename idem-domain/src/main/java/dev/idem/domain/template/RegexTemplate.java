package dev.idem.domain.template;

import java.util.HashMap;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * A regex with {@code {{placeholders}}}, filled per row. The pattern is first read as its author meant it
 * ({@link PortableRegex}), then each value is matched as literal text: outside a {@code \Q...\E} block it is
 * inserted quoted; inside one (a pattern written as {@code \Q{{topic}}\E}) the block is closed around the
 * quoted value and reopened, so a value holding {@code \E} cannot end the quoting early either way.
 */
public final class RegexTemplate {

    private RegexTemplate() {
    }

    /** Compiles the pattern once with a stand-in for each value, so a syntax error shows at load time. */
    public static void checkSyntax(String pattern) {
        checkSyntax(pattern, 0);
    }

    /** As {@link #checkSyntax(String)}, with {@link Pattern} flags. */
    public static void checkSyntax(String pattern, int flags) {
        Map<String, String> standIns = new HashMap<>();
        Placeholders.names(pattern).forEach(name -> standIns.put(name, "x"));
        compile(pattern, flags, standIns);
    }

    /**
     * The pattern with the values filled in, compiled.
     *
     * @throws IllegalArgumentException if a placeholder has no value (callers check the pattern's
     *                                  {@link Placeholders#names placeholders} first)
     */
    public static Pattern compile(String pattern, Map<String, String> values) {
        return compile(pattern, 0, values);
    }

    /**
     * As {@link #compile(String, Map)}, with {@link Pattern} flags.
     *
     * @throws java.util.regex.PatternSyntaxException if the pattern does not compile
     */
    public static Pattern compile(String pattern, int flags, Map<String, String> values) {
        String java = PortableRegex.toJava(pattern);
        boolean[] quoted = quotedPositions(java);
        String filled = Placeholders.replace(java, (name, at) -> {
            String value = values.get(name);
            if (value == null) {
                throw new IllegalArgumentException("no value for '{{" + name + "}}'");
            }
            return quoted[at] ? "\\E" + Pattern.quote(value) + "\\Q" : Pattern.quote(value);
        });
        return Pattern.compile(filled, flags);
    }

    /** Which offsets of the pattern lie inside a {@code \Q...\E} block (an unclosed one runs to the end). */
    private static boolean[] quotedPositions(String pattern) {
        boolean[] quoted = new boolean[pattern.length() + 1];
        boolean inQuote = false;
        int i = 0;
        while (i < pattern.length()) {
            char c = pattern.charAt(i);
            boolean escape = c == '\\' && i + 1 < pattern.length();
            if (inQuote) {
                if (escape && pattern.charAt(i + 1) == 'E') {
                    inQuote = false;
                    i += 2;
                    continue;
                }
                quoted[i++] = true;
            } else if (escape) {
                inQuote = pattern.charAt(i + 1) == 'Q';
                i += 2;
            } else {
                i++;
            }
        }
        return quoted;
    }
}
