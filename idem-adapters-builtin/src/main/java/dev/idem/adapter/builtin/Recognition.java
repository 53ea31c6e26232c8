package dev.idem.adapter.builtin;

import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * What the architect recognised in a system context and its failure scenarios.
 *
 * @param technologies       the technologies named, plus the default store when none was named
 * @param namedStore         whether the user named an idempotency-capable store
 * @param primaryStore       the store that holds idempotency records
 * @param sqlFlavour         how to call the relational store (PostgreSQL, MySQL, CockroachDB)
 * @param failureModes       the failure modes named, scenarios first, in the order they are first mentioned
 * @param unmatchedScenarios scenario clauses that named no known failure mode, sanitised for quoting
 */
record Recognition(Set<Technology> technologies, boolean namedStore, Technology primaryStore, String sqlFlavour,
                   List<FailureMode> failureModes, List<String> unmatchedScenarios) {

    private static final Pattern FIFO = wholeWords("fifo|\\.fifo");
    private static final Pattern CLAUSE_BREAK = Pattern.compile("(?<=[.;!?])\\s+|\\n+|;\\s*");
    private static final Pattern NOT_QUOTABLE = Pattern.compile("[^\\p{L}\\p{N} ,.()/+%&'=-]");
    private static final int MAX_QUOTE = 110;

    Recognition {
        technologies = Collections.unmodifiableSet(EnumSet.copyOf(technologies));
        failureModes = List.copyOf(failureModes);
        unmatchedScenarios = List.copyOf(unmatchedScenarios);
    }

    /** Compiles alternatives as whole words, case-insensitive. */
    static Pattern wholeWords(String alternatives) {
        return Pattern.compile("(?<![\\w])(?:" + alternatives + ")(?![\\w])",
                Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE);
    }

    static Recognition of(String systemContext, String failureScenarios) {
        String all = systemContext + "\n" + failureScenarios;
        Set<Technology> found = EnumSet.noneOf(Technology.class);
        boolean fifo = FIFO.matcher(all).find();
        for (Technology t : Technology.values()) {
            if (t == Technology.SQS_FIFO && !fifo || t == Technology.SQS_STANDARD && fifo) {
                continue;
            }
            if (t.mentionedIn(all)) {
                found.add(t);
            }
        }
        Technology named = firstStore(found);
        Technology primary = named;
        if (primary == null || primary == Technology.REDIS) {
            // Redis alone is not a system of record for money paths, so a durable store backs it.
            boolean awsNative = found.contains(Technology.LAMBDA) || found.contains(Technology.SQS_FIFO)
                    || found.contains(Technology.SQS_STANDARD) || found.contains(Technology.EVENTBRIDGE)
                    || found.contains(Technology.KINESIS);
            primary = awsNative ? Technology.DYNAMODB : Technology.SQL;
            found.add(primary);
        }
        return new Recognition(found, named != null, primary, sqlFlavour(all),
                failureModes(systemContext, failureScenarios), unmatched(failureScenarios));
    }

    /**
     * The stores that can hold the idempotency records, in order of preference when several are named; Redis
     * only ever backs one of them. A method, not a constant: Technology's constants compile their patterns with
     * this class, so a constant of Technology values here would be read before it exists.
     */
    static List<Technology> systemsOfRecord() {
        return List.of(Technology.SQL, Technology.DYNAMODB, Technology.CASSANDRA, Technology.MONGODB,
                Technology.COSMOSDB);
    }

    boolean has(Technology t) {
        return technologies.contains(t);
    }

    boolean hasAny(Technology... ts) {
        for (Technology t : ts) {
            if (technologies.contains(t)) {
                return true;
            }
        }
        return false;
    }

    boolean asynchronous() {
        return hasAny(Technology.KAFKA, Technology.RABBITMQ, Technology.SQS_FIFO, Technology.SQS_STANDARD,
                Technology.PUBSUB, Technology.SERVICE_BUS, Technology.EVENTBRIDGE, Technology.NATS,
                Technology.KINESIS, Technology.EVENT_HUBS, Technology.WEBHOOKS);
    }

    private static Technology firstStore(Set<Technology> found) {
        for (Technology t : systemsOfRecord()) {
            if (found.contains(t)) {
                return t;
            }
        }
        return found.contains(Technology.REDIS) ? Technology.REDIS : null;
    }

    private static String sqlFlavour(String text) {
        String lower = text.toLowerCase(Locale.ROOT);
        if (wholeWords("cockroach ?db|cockroach").matcher(lower).find()) {
            return "CockroachDB";
        }
        if (wholeWords("postgres(ql)?|pg").matcher(lower).find()) {
            return "PostgreSQL";
        }
        if (wholeWords("mysql|mariadb").matcher(lower).find()) {
            return "MySQL";
        }
        return "PostgreSQL";
    }

    private static List<FailureMode> failureModes(String systemContext, String failureScenarios) {
        Set<FailureMode> ordered = new LinkedHashSet<>(byFirstMention(failureScenarios));
        ordered.addAll(byFirstMention(systemContext));
        return new ArrayList<>(ordered);
    }

    private static List<FailureMode> byFirstMention(String text) {
        List<FailureMode> modes = new ArrayList<>();
        for (FailureMode m : FailureMode.values()) {
            if (m.firstMentionIn(text) >= 0) {
                modes.add(m);
            }
        }
        // Stable sort: ties keep declaration order, so the result never depends on anything but the text.
        modes.sort(Comparator.comparingInt(m -> m.firstMentionIn(text)));
        return modes;
    }

    private static List<String> unmatched(String failureScenarios) {
        List<String> quotes = new ArrayList<>();
        for (String clause : CLAUSE_BREAK.split(failureScenarios)) {
            String quote = quotable(clause);
            if (quote.split(" ").length < 3) {
                continue;
            }
            boolean known = false;
            for (FailureMode m : FailureMode.values()) {
                known |= m.firstMentionIn(clause) >= 0;
            }
            if (!known && !quotes.contains(quote)) {
                quotes.add(quote);
            }
        }
        return quotes;
    }

    /**
     * A clause made safe to quote inside a bullet: no markup, no quotes, braces or colons (so a quote can never
     * form a refusal object or a heading), bounded length.
     */
    static String quotable(String clause) {
        String plain = NOT_QUOTABLE.matcher(clause).replaceAll(" ").replaceAll("\\s+", " ").strip();
        plain = plain.replaceAll("[ ,.;]+$", "");
        if (plain.length() > MAX_QUOTE) {
            int cut = plain.lastIndexOf(' ', MAX_QUOTE);
            plain = plain.substring(0, cut > 40 ? cut : MAX_QUOTE) + " …";
        }
        return plain;
    }
}
