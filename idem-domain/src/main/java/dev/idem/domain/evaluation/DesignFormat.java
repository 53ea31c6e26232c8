package dev.idem.domain.evaluation;

import dev.idem.domain.spec.RefusalEvaluatorSpec;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The flagship prompt's format rules, as the idempotency reference states them:
 * <ul>
 *   <li>{@code FMT-1}: critical decisions and state transitions are bold: at least one bold span holds a
 *       transition ({@code →}, {@code ->}, {@code =>}), a decision ({@code decision}, {@code critical},
 *       {@code must}) or starts with a state name;</li>
 *   <li>{@code FMT-2}: in every section whose heading names failure modes, concurrency or storage, each
 *       non-blank line up to the next heading is a bullet ({@code -}, {@code *} or {@code +}); numbered items
 *       and prose are violations (fenced code blocks and thematic breaks are neither and are skipped);</li>
 *   <li>{@code FMT-3}: no introduction in the first non-blank line, no conclusion in the last three;</li>
 *   <li>{@code FMT-4}: a design never contains the refusal {@code {"error": "unsafe"}}.</li>
 * </ul>
 */
public final class DesignFormat {

    private static final int FLAGS = Pattern.CASE_INSENSITIVE | Pattern.MULTILINE;
    private static final Pattern BOLD_DECISION = Pattern.compile(
            "[*][*][^*]*(→|->|=>)[^*]*[*][*]|[*][*][^*]*(decision|critical|must)[^*]*[*][*]"
                    + "|[*][*](absent|in_progress|completed|expired|failed)[^*]*[*][*]", FLAGS);
    private static final Pattern BULLET_SECTION = Pattern.compile("^#{1,6} .*(failure mode|concurrency|storage)",
            Pattern.CASE_INSENSITIVE);
    private static final Pattern HEADING = Pattern.compile("^#{1,6} ");
    private static final Pattern BULLET = Pattern.compile("^ *[-*+] ");
    private static final Pattern NUMBERED = Pattern.compile("^ *[0-9]+[.)] ");
    private static final Pattern FENCE = Pattern.compile("^ {0,3}(```|~~~)");
    private static final Pattern THEMATIC_BREAK = Pattern.compile("^ {0,3}([-*_])( *\\1){2,} *$");
    private static final Pattern INTRO_OR_CONCLUSION = Pattern.compile(
            "^in this (document|design|answer)|^this (document|design) (describes|outlines|presents)"
                    + "|^(here is|below is)|^(introduction|overview)|in conclusion|to summarize|in summary"
                    + "|hope this helps", Pattern.CASE_INSENSITIVE);

    private DesignFormat() {
    }

    /** Every rule the design breaks, in rule order; empty when it follows the format. */
    public static List<FormatViolation> check(String design) {
        List<FormatViolation> violations = new ArrayList<>();
        boldDecisions(design).ifPresent(violations::add);
        bulletSections(design).ifPresent(violations::add);
        noIntroductionOrConclusion(design).ifPresent(violations::add);
        noRefusal(design).ifPresent(violations::add);
        return List.copyOf(violations);
    }

    /** {@code FMT-1}: at least one bold transition or decision. */
    public static Optional<FormatViolation> boldDecisions(String design) {
        return BOLD_DECISION.matcher(text(design)).find()
                ? Optional.empty()
                : Optional.of(new FormatViolation("FMT-1",
                        "no bold state transition (e.g. **IN_PROGRESS → COMPLETED**) or bold decision"));
    }

    /** {@code FMT-2}: only bullets in the failure-mode, concurrency and storage sections; the first offence. */
    public static Optional<FormatViolation> bulletSections(String design) {
        String[] lines = text(design).split("\\R", -1);
        String section = null;
        boolean inFence = false;
        for (int i = 0; i < lines.length; i++) {
            String line = lines[i];
            if (FENCE.matcher(line).find()) {
                inFence = !inFence;
                continue;
            }
            if (inFence || line.isBlank() || THEMATIC_BREAK.matcher(line).matches()) {
                continue;
            }
            if (HEADING.matcher(line).find()) {
                section = BULLET_SECTION.matcher(line).find() ? line.strip() : null;
                continue;
            }
            if (section != null && !BULLET.matcher(line).find()) {
                String kind = NUMBERED.matcher(line).find() ? "a numbered item" : "prose";
                return Optional.of(new FormatViolation("FMT-2", "line " + (i + 1) + " under '" + section + "' is "
                        + kind + ", not a bullet: " + Excerpt.quoted(line)));
            }
        }
        return Optional.empty();
    }

    /** {@code FMT-3}: no introduction in the first non-blank line, no conclusion in the last three. */
    public static Optional<FormatViolation> noIntroductionOrConclusion(String design) {
        String[] lines = text(design).split("\\R", -1);
        List<Integer> nonBlank = new ArrayList<>();
        for (int i = 0; i < lines.length; i++) {
            if (!lines[i].isBlank()) {
                nonBlank.add(i);
            }
        }
        if (nonBlank.isEmpty()) {
            return Optional.empty();
        }
        int first = nonBlank.get(0);
        if (INTRO_OR_CONCLUSION.matcher(lines[first].strip()).find()) {
            return Optional.of(new FormatViolation("FMT-3", "line " + (first + 1) + " is an introduction: "
                    + Excerpt.quoted(lines[first])));
        }
        for (int k = Math.max(0, nonBlank.size() - 3); k < nonBlank.size(); k++) {
            int i = nonBlank.get(k);
            if (INTRO_OR_CONCLUSION.matcher(lines[i].strip()).find()) {
                return Optional.of(new FormatViolation("FMT-3", "line " + (i + 1) + " is a conclusion: "
                        + Excerpt.quoted(lines[i])));
            }
        }
        return Optional.empty();
    }

    /** {@code FMT-4}, for a design: the refusal appears nowhere in it. */
    public static Optional<FormatViolation> noRefusal(String design) {
        return Refusal.containsRefusal(design)
                ? Optional.of(new FormatViolation("FMT-4", "the design contains the refusal "
                        + RefusalEvaluatorSpec.REFUSAL))
                : Optional.empty();
    }

    private static String text(String design) {
        return design == null ? "" : design;
    }
}
