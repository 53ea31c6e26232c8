package dev.idem.application;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * idem's own prompts for GitHub Models' {@code uses: github/*} evaluators. Each asks for a 1–5 rating on the
 * last line; ratings map to scores 0, 0.25, 0.5, 0.75, 1, and a case passes at 3 or more.
 */
final class BuiltinJudges {

    static final double PASS_SCORE = 0.5;

    private static final String SYSTEM = "You are a strict, consistent evaluator of AI assistant replies. "
            + "Think briefly, then give your rating alone on the last line as a single digit from 1 to 5.";

    private static final Map<String, String> PROMPTS = Map.of(
            "github/similarity", "Rate how similar in meaning the REPLY is to the EXPECTED answer.\n"
                    + "5 = same meaning; 4 = same core meaning, minor differences; 3 = partly the same; "
                    + "2 = mostly different; 1 = unrelated or contradictory.\n\n"
                    + "QUESTION:\n{{input}}\n\nEXPECTED:\n{{expected}}\n\nREPLY:\n{{completion}}",
            "github/coherence", "Rate the coherence of the REPLY: is it logically organised, consistent, and "
                    + "does each part follow from the previous?\n5 = fully coherent; 3 = understandable with "
                    + "some jumps; 1 = incoherent.\n\nQUESTION:\n{{input}}\n\nREPLY:\n{{completion}}",
            "github/fluency", "Rate the fluency of the REPLY: grammar, word choice, natural phrasing.\n"
                    + "5 = flawless; 3 = understandable with noticeable errors; 1 = hard to read.\n\n"
                    + "REPLY:\n{{completion}}",
            "github/relevance", "Rate how relevant the REPLY is to the QUESTION: does it address what was "
                    + "asked, without drifting?\n5 = fully on point; 3 = partly relevant; 1 = off topic.\n\n"
                    + "QUESTION:\n{{input}}\n\nREPLY:\n{{completion}}",
            "github/groundedness", "Rate how well the REPLY is grounded in the CONTEXT: is every claim "
                    + "supported by it, with nothing invented?\n5 = fully grounded; 3 = some unsupported "
                    + "claims; 1 = mostly unsupported.\n\nCONTEXT:\n{{expected}}\n\nQUESTION:\n{{input}}\n\n"
                    + "REPLY:\n{{completion}}");

    private BuiltinJudges() {
    }

    static Optional<String> prompt(String uses) {
        return Optional.ofNullable(PROMPTS.get(uses));
    }

    static String system() {
        return SYSTEM;
    }

    static Map<String, Double> ratings() {
        Map<String, Double> m = new LinkedHashMap<>();
        m.put("1", 0.0);
        m.put("2", 0.25);
        m.put("3", 0.5);
        m.put("4", 0.75);
        m.put("5", 1.0);
        return m;
    }
}
