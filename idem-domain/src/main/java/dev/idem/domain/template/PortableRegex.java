package dev.idem.domain.template;

import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * A pattern written for Python, JavaScript or Go, in Java's syntax, so that it means what its author meant:
 * <ul>
 *   <li>a <code>&#123;</code> that does not start a quantifier ({@code {n}}, {@code {n,}}, {@code {n,m}}) is a literal
 *       brace in those engines ({@code V_{eff}}, {@code {"error": "unsafe"}}), and an error in Java: it is
 *       escaped. The braces of {@code \p{…}}, {@code \P{…}}, {@code \x{…}} and {@code \N{…}}, of a character
 *       class and of a {@code \Q…\E} block are left alone, and so are {@code {{placeholders}}}, which are
 *       filled later;</li>
 *   <li>Python's named groups {@code (?P<name>…)} and back-references {@code (?P=name)} become
 *       {@code (?<name>…)} and {@code \k<name>}; a group name Java does not allow (Java takes letters and
 *       digits only, Python also {@code _}) is renamed consistently;</li>
 *   <li>a quantifier {@code {n}} with nothing before it to repeat (at the start, after {@code (}, {@code |} or
 *       an anchor) is an error in every other engine; Java silently repeats the empty string, so it is
 *       refused here.</li>
 * </ul>
 * Anything else is left as written, so a pattern that no engine accepts (an unclosed group, an unknown escape)
 * still fails to compile, with Java's message.
 */
public final class PortableRegex {

    private static final Pattern QUANTIFIER = Pattern.compile("\\{\\d+(,\\d*)?}");
    /** A group's opening: {@code (}, {@code (?:}, a look-around, a named group, or inline flags. */
    private static final Pattern GROUP_OPENER = Pattern.compile("\\((\\?([:=!>]|<[=!]|<[^>]*>|[a-zA-Z-]*[:)]))?");
    /** Escapes that match a position, not a character: nothing to repeat. */
    private static final String ANCHOR_ESCAPES = "bBAZzG";
    private static final Pattern PYTHON_GROUP = Pattern.compile("\\(\\?P<([^>]*)>");
    private static final Pattern PYTHON_REFERENCE = Pattern.compile("\\(\\?P=([^)]*)\\)");
    private static final Pattern JAVA_REFERENCE = Pattern.compile("\\\\k<([^>]*)>");
    private static final Pattern JAVA_GROUP_NAME = Pattern.compile("[a-zA-Z][a-zA-Z0-9]*");
    private static final Pattern PYTHON_GROUP_NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");

    private PortableRegex() {
    }

    /**
     * The pattern in Java's syntax; the same text when it needs no translation.
     *
     * @param pattern a pattern as its author wrote it, possibly holding {@code {{placeholders}}}
     */
    public static String toJava(String pattern) {
        return new Translation(pattern).run();
    }

    /** One pass over one pattern. */
    private static final class Translation {
        private final String in;
        private final StringBuilder out;
        private final Map<String, String> groupNames = new HashMap<>();
        private final Set<String> usedNames = new HashSet<>();
        private int i;
        /** Whether what was just copied can be repeated by a quantifier. */
        private boolean atom;

        Translation(String pattern) {
            this.in = pattern;
            this.out = new StringBuilder(pattern.length() + 8);
        }

        String run() {
            while (i < in.length()) {
                char c = in.charAt(i);
                if (c == '\\') {
                    escape();
                } else if (c == '[') {
                    characterClass();
                    atom = true;
                } else if (c == '{') {
                    brace();
                } else if (c == '(' && in.startsWith("(?P", i)) {
                    pythonGroup();
                } else if (c == '(') {
                    groupOpener();
                } else {
                    out.append(c);
                    i++;
                    if ("|^$".indexOf(c) >= 0) {
                        atom = false;
                    } else if ("*+?".indexOf(c) < 0) {
                        atom = true;
                    }
                }
            }
            return out.toString();
        }

        /** An escape, copied whole: {@code \Q…\E}, {@code \p{…}} and its kin, {@code \k<name>}, or one character. */
        private void escape() {
            atom = true;
            if (i + 1 >= in.length()) {
                out.append('\\');
                i++;
                return;
            }
            char next = in.charAt(i + 1);
            if (ANCHOR_ESCAPES.indexOf(next) >= 0) {
                atom = false;
            }
            if (next == 'Q') {
                int end = in.indexOf("\\E", i + 2);
                int stop = end < 0 ? in.length() : end + 2;
                out.append(in, i, stop);
                i = stop;
            } else if ("pPxN".indexOf(next) >= 0 && i + 2 < in.length() && in.charAt(i + 2) == '{') {
                int close = in.indexOf('}', i + 3);
                int stop = close < 0 ? in.length() : close + 1;
                out.append(in, i, stop);
                i = stop;
            } else if (next == 'k') {
                Matcher ref = JAVA_REFERENCE.matcher(in).region(i, in.length());
                if (ref.lookingAt()) {
                    out.append("\\k<").append(javaName(ref.group(1))).append('>');
                    i = ref.end();
                } else {
                    out.append("\\k");
                    i += 2;
                }
            } else {
                out.append('\\').append(next);
                i += 2;
            }
        }

        /** A character class, copied as written: a brace inside one is literal in every engine. */
        private void characterClass() {
            int depth = 0;
            while (i < in.length()) {
                char c = in.charAt(i);
                if (c == '\\' && i + 1 < in.length()) {
                    out.append(c).append(in.charAt(i + 1));
                    i += 2;
                    continue;
                }
                out.append(c);
                i++;
                if (c == '[') {
                    depth++;
                } else if (c == ']' && --depth == 0) {
                    return;
                }
            }
        }

        private void brace() {
            Matcher placeholder = Placeholders.PLACEHOLDER.matcher(in).region(i, in.length());
            if (placeholder.lookingAt()) {
                out.append(placeholder.group());
                i = placeholder.end();
                atom = true;
                return;
            }
            Matcher quantifier = QUANTIFIER.matcher(in).region(i, in.length());
            if (quantifier.lookingAt()) {
                if (!atom) {
                    throw new PatternSyntaxException("nothing to repeat before the quantifier "
                            + quantifier.group(), in, i);
                }
                out.append(quantifier.group());
                i = quantifier.end();
                return;
            }
            out.append("\\{");
            i++;
            atom = true;
        }

        private void groupOpener() {
            Matcher opener = GROUP_OPENER.matcher(in).region(i, in.length());
            opener.lookingAt(); // always matches at a '('
            out.append(opener.group());
            i = opener.end();
            atom = false;
        }

        private void pythonGroup() {
            Matcher group = PYTHON_GROUP.matcher(in).region(i, in.length());
            if (group.lookingAt()) {
                out.append("(?<").append(javaName(group.group(1))).append('>');
                i = group.end();
                atom = false;
                return;
            }
            Matcher reference = PYTHON_REFERENCE.matcher(in).region(i, in.length());
            if (reference.lookingAt()) {
                out.append("\\k<").append(javaName(reference.group(1))).append('>');
                i = reference.end();
                atom = true;
                return;
            }
            groupOpener();
        }

        /**
         * The name as Java allows it; the same name always gets the same replacement. A name no engine allows
         * stays as written, for Java to reject.
         */
        private String javaName(String name) {
            return groupNames.computeIfAbsent(name, n -> {
                if (JAVA_GROUP_NAME.matcher(n).matches() || !PYTHON_GROUP_NAME.matcher(n).matches()) {
                    usedNames.add(n);
                    return n;
                }
                String base = n.replaceAll("[^a-zA-Z0-9]", "");
                if (base.isEmpty() || !Character.isLetter(base.charAt(0))) {
                    base = "g" + base;
                }
                String candidate = base;
                for (int k = 2; usedNames.contains(candidate) || in.contains("<" + candidate + ">"); k++) {
                    candidate = base + k;
                }
                usedNames.add(candidate);
                return candidate;
            });
        }
    }
}
