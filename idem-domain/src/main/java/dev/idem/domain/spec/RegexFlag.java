package dev.idem.domain.spec;

import java.util.Set;
import java.util.regex.Pattern;

/**
 * A flag a regex evaluator is written with, beside its pattern ({@code flags: "s"}); the same as the inline
 * flag it names ({@code (?s)}).
 */
public enum RegexFlag {
    /** {@code i}: case is ignored, Unicode letters included (as Python 3 and JavaScript's {@code iu} do). */
    IGNORE_CASE('i', Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE),
    /** {@code m}: {@code ^} and {@code $} match at line breaks too. */
    MULTILINE('m', Pattern.MULTILINE),
    /** {@code s}: {@code .} matches line breaks too. */
    DOT_ALL('s', Pattern.DOTALL),
    /** {@code x}: white space and {@code #} comments in the pattern are ignored. */
    VERBOSE('x', Pattern.COMMENTS),
    /** {@code u}: case folding beyond ASCII (Java already reads patterns as code points). */
    UNICODE('u', Pattern.UNICODE_CASE);

    private final char letter;
    private final int bits;

    RegexFlag(char letter, int bits) {
        this.letter = letter;
        this.bits = bits;
    }

    /** The flag's letter, as in {@code (?s)}. */
    public char letter() {
        return letter;
    }

    /** The {@link Pattern} flags of a set of flags. */
    public static int bits(Set<RegexFlag> flags) {
        int bits = 0;
        for (RegexFlag flag : flags) {
            bits |= flag.bits;
        }
        return bits;
    }
}
