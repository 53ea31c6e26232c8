package dev.idem.adapter.builtin;

import java.util.regex.Pattern;

/**
 * A request that builds its design on its system as it describes it: {@code need a retry strategy for that
 * config}, {@code design the gateway retries as it is now}, {@code re-enabling the middleware is out of scope},
 * {@code we do not intend to change this}, {@code retry plan for the rest?}, {@code design the rest}. What such a request describes of its
 * own system (a safeguard switched off, a new key minted on every retry) is what it asks the design to keep, so
 * the rules count that description as asked for. A new writer states the unsafe part as a fact and asks for the
 * design in a sentence of its own, after it: the ask refers back to the fact rather than repeating it.
 */
final class StatusQuo {

    /** What the design is built on, named by a word that refers back ({@code that config}, {@code this route}). */
    private static final String REFERRED = "(that|this|these|those|the current|the existing|our current)( [\\w/]+)?"
            + " (config\\w*|setup|set up|mode|behaviou?r|state|situation|assumption|arrangement|ordering|approach"
            + "|way|plan|rule|route|dual write|retention|decision|choice|settings?|flags?)";
    private static final Pattern KEPT = Recognition.wholeWords("(design|plan|strateg|polic|retr|backoff|schedul|tun"
            + "|propos|build|work)\\w*( [\\w/]+){0,5} (for|around|under|with|given|on top of) " + REFERRED
            + "|design (that|this)(?= \\.|$)"
            + "|as (it|they|things) (is|are|stands?) (now|today)|as (it|things) stands?"
            + "|(re ?enabl|restor|revert|fix|chang|undo|reinstat|turn\\w* (it |\\w+ )?back)\\w*( [\\w/]+){0,5} (is|are)"
            + " (out of scope|not (an option|in scope|on the table|planned|possible))"
            + "|(do|does|will|shall) not (intend|plan|want|mean|need) to (change|fix|revisit|touch|alter)"
            + " (this|that|it|them)|no (plans?|intention) to (change|fix|revisit|alter) (this|that|it|them)"
            + "|(retry|retries|design|plan)\\w* for the rest|(design|plan|build|do|cover) the rest"
            // "design retries, keep the key": the ask ends by keeping the setting it described
            + "|keep (the|this|that|our|its|their) (key|keys|ttl|setting|settings|config|flag|value)(?= \\.|$)");

    private StatusQuo() {
    }

    /** Whether the request asks for its design on top of the system as it describes it. */
    static boolean kept(RequestText text) {
        return KEPT.matcher(text.whole()).find();
    }
}
