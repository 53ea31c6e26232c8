package dev.idem.domain.evaluation;

import java.util.Objects;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * One item of the idempotency rubric ({@code domain/rubric.json}).
 *
 * @param id          e.g. {@code KEY-1}
 * @param area        e.g. {@code KEY}
 * @param critical    whether a design must cover it to pass (weight 3 instead of 1)
 * @param check       how it is checked: {@code keyword} (the regex is found), {@code structural}
 *                    ({@code FMT-2}), {@code negative} ({@code FMT-3}) or {@code gate} ({@code FMT-4}); the last
 *                    three follow {@link DesignFormat} rather than the regex
 * @param requirement what a reviewer checks, in words
 * @param regex       the item's pattern, compiled case-insensitive and multiline
 */
public record RubricItem(String id, String area, boolean critical, String check, String requirement, Pattern regex) {

    /** The item's regex is found. */
    public static final String KEYWORD = "keyword";
    /** Bullets only in the failure-mode, concurrency and storage sections ({@code FMT-2}). */
    public static final String STRUCTURAL = "structural";
    /** No introduction or conclusion ({@code FMT-3}). */
    public static final String NEGATIVE = "negative";
    /** No refusal in a design ({@code FMT-4}); failing it scores the whole design 0. */
    public static final String GATE = "gate";

    private static final Set<String> CHECKS = Set.of(KEYWORD, STRUCTURAL, NEGATIVE, GATE);

    public RubricItem {
        Objects.requireNonNull(id, "id");
        area = area == null ? "" : area;
        Objects.requireNonNull(check, "check");
        if (!CHECKS.contains(check)) {
            throw new IllegalArgumentException("rubric item " + id + ": unknown check '" + check
                    + "' (expected keyword, structural, negative or gate)");
        }
        requirement = requirement == null ? "" : requirement;
        Objects.requireNonNull(regex, "regex");
    }

    /**
     * An item with its regex compiled case-insensitive and multiline.
     *
     * @throws java.util.regex.PatternSyntaxException if the regex does not compile
     */
    public static RubricItem of(String id, String area, boolean critical, String check, String requirement,
                                String regex) {
        return new RubricItem(id, area, critical, check, requirement,
                Pattern.compile(regex, Pattern.CASE_INSENSITIVE | Pattern.MULTILINE));
    }

    /** 3 for a critical item, 1 otherwise. */
    public int weight() {
        return critical ? 3 : 1;
    }

    /** Whether the design covers this item. */
    public boolean coveredBy(String design) {
        String text = design == null ? "" : design;
        switch (check) {
            case STRUCTURAL:
                return DesignFormat.bulletSections(text).isEmpty();
            case NEGATIVE:
                return DesignFormat.noIntroductionOrConclusion(text).isEmpty();
            case GATE:
                return !Refusal.containsRefusal(text);
            default:
                return regex.matcher(text).find();
        }
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof RubricItem r && r.id.equals(id) && r.area.equals(area) && r.critical == critical
                && r.check.equals(check) && r.requirement.equals(requirement)
                && r.regex.pattern().equals(regex.pattern()) && r.regex.flags() == regex.flags();
    }

    @Override
    public int hashCode() {
        return Objects.hash(id, area, critical, check, requirement, regex.pattern(), regex.flags());
    }
}
