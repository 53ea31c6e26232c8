package dev.idem.adapter.builtin;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A request to the architect as the intent rules read it: its two inputs cut into sentences (bullets, lines and
 * ticket fields count as sentences), each kept as written, for quoting, and normalised, for matching.
 *
 * <p>Normalising lower-cases the text and undoes the spellings that hide a word from a pattern: contractions
 * ({@code don't} reads {@code do not}), {@code w/o} and {@code sans} ({@code without}), compounds in
 * {@code -free} ({@code a lock-free, dedup-free path} reads {@code a without lock, without dedup path}),
 * {@code keyless}, and hyphens inside words ({@code idempotency-key validation} reads
 * {@code idempotency key validation}). An identifier stays one token, its dots and hyphens read as underscores
 * ({@code --skip-dedup} reads {@code __skip_dedup}, {@code transactional.id} reads {@code transactional_id}), so
 * that a flag's name is never read as a request.
 *
 * @param sentences the sentences, system context first, in order
 */
record RequestText(List<Sentence> sentences) {

    /**
     * One sentence.
     *
     * @param scenarios  whether it comes from the failure scenarios (else from the system context)
     * @param written    as written, trimmed
     * @param normalised as the rules read it
     */
    record Sentence(boolean scenarios, String written, String normalised) {
    }

    private static final Pattern BREAK = Pattern.compile("(?<=[.!?;])\\s+|\\n+|\\s+\\|\\s+|\\s+-{1,2}\\s+|\\s+[—–]\\s+");
    private static final Pattern MARKUP = Pattern.compile("^\\s*([-*•]|#{1,6}|\\d+[.)])\\s+|\\*\\*|\\*(?=\\w)|(?<=\\w)\\*"
            + "|[`\"“”]");
    /** A flag, option or identifier: {@code --skip-dedup}, {@code dedupe.disabled=true}, {@code sent_refs}. */
    private static final Pattern IDENTIFIER = Pattern.compile("`(--|[^`\\s]*[_.=/]|[a-z0-9]+-[a-z0-9-]+`)[^`\\s]*`?|(?<!\\S)(--[\\w.-]+|[\\w.-]*_[\\w.=-]*"
            + "|[A-Za-z]\\w*(?:\\.[A-Za-z]\\w*)+(?:=\\S+)?|[\\w.-]+=\\S+)");
    private static final Pattern CONDITIONAL_COMPOUND = Pattern.compile("\\b\\p{L}+(-\\p{L}+)*-(if|when|unless"
            + "|whether)(-\\p{L}+)+\\b");
    private static final Pattern FREE_COMPOUND = Pattern.compile("\\b([\\w]+(?:-[\\w]+)*)-free\\b");
    private static final List<String[]> SPELLINGS = List.of(
            new String[] {"won't", "will not"}, new String[] {"can't", "can not"}, new String[] {"cannot", "can not"},
            new String[] {"shan't", "shall not"}, new String[] {"n't", " not"}, new String[] {"'ll", " will"},
            new String[] {"'re", " are"}, new String[] {"'ve", " have"}, new String[] {"'m", " am"},
            new String[] {"'d", " would"}, new String[] {"w/o", "without"}, new String[] {"w/", "with"});

    RequestText {
        sentences = List.copyOf(sentences);
    }

    static RequestText of(String systemContext, String failureScenarios) {
        List<Sentence> sentences = new ArrayList<>();
        split(systemContext, false, sentences);
        split(failureScenarios, true, sentences);
        return new RequestText(sentences);
    }

    /** How many words the request has. */
    int words() {
        return sentences.stream().mapToInt(s -> s.normalised().split(" ").length).sum();
    }

    /** The whole request, normalised, sentences separated by {@code " . "}. */
    String whole() {
        StringBuilder all = new StringBuilder();
        for (Sentence s : sentences) {
            all.append(s.normalised()).append(" . ");
        }
        return all.toString();
    }

    private static void split(String text, boolean scenarios, List<Sentence> into) {
        for (String piece : BREAK.split(text == null ? "" : text)) {
            String written = piece.strip();
            String normalised = normalise(written);
            if (!normalised.isBlank()) {
                into.add(new Sentence(scenarios, written, normalised));
            }
        }
    }

    static String normalise(String written) {
        String t = written.replace('’', '\'').replace('‘', '\'').replace('…', ' ');
        // An identifier is one word: its parts must not read as words ("--disable-fencing" is no request).
        Matcher id = IDENTIFIER.matcher(t);
        StringBuilder ids = new StringBuilder();
        while (id.find()) {
            String name = id.group().replace("`", "").strip();
            id.appendReplacement(ids, Matcher.quoteReplacement(name.replaceAll("[.\\s-](?=.)", "_")));
        }
        id.appendTail(ids);
        t = MARKUP.matcher(ids.toString()).replaceAll(" ").toLowerCase(Locale.ROOT);
        for (String[] spelling : SPELLINGS) {
            t = t.replace(spelling[0], spelling[1]);
        }
        t = t.replaceAll("\\bsans\\b", "without").replaceAll("\\bminus (the|any|its|an?)\\b", "without $1")
                .replaceAll("\\bkeyless\\b", "without key").replaceAll("\\binsert ignore\\b", "insert_ignore")
                .replaceAll("\\bskip locked\\b", "skip_locked");
        Matcher free = FREE_COMPOUND.matcher(t);
        StringBuilder unfree = new StringBuilder();
        while (free.find()) {
            free.appendReplacement(unfree, Matcher.quoteReplacement("free of " + free.group(1).replace('-', ' ')));
        }
        free.appendTail(unfree);
        // "create-if-absent", "insert-if-not-exists": a condition inside a name is no conditional clause
        Matcher conditional = CONDITIONAL_COMPOUND.matcher(unfree.toString());
        StringBuilder named = new StringBuilder();
        while (conditional.find()) {
            conditional.appendReplacement(named, Matcher.quoteReplacement(conditional.group().replace('-', '_')));
        }
        conditional.appendTail(named);
        t = named.toString().replaceAll("(?<=\\p{L})-(?=\\p{L})", " ");
        return t.replaceAll("[.!?;,:]+$", "").replaceAll("\\s+", " ").strip();
    }
}
