package dev.idem.domain.evaluation;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * The idempotency rubric: items weighted 3 (critical) or 1. A design's score is the weighted share of the
 * items it covers; when a {@code gate} item fails (the design contains the refusal) the score is 0.
 *
 * @param items the items, in order; at least one, ids unique
 */
public record Rubric(List<RubricItem> items) {

    public Rubric {
        items = List.copyOf(Objects.requireNonNull(items, "items"));
        if (items.isEmpty()) {
            throw new IllegalArgumentException("a rubric has at least one item");
        }
        Set<String> ids = new HashSet<>();
        for (RubricItem item : items) {
            if (!ids.add(item.id())) {
                throw new IllegalArgumentException("duplicate rubric item " + item.id());
            }
        }
    }

    /**
     * The item with this id.
     *
     * @throws IllegalArgumentException if the rubric has none
     */
    public RubricItem item(String id) {
        return items.stream().filter(i -> i.id().equals(id)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no rubric item " + id));
    }

    /** Scores a design. */
    public RubricScore score(String design) {
        List<String> covered = new ArrayList<>();
        List<String> missingCritical = new ArrayList<>();
        List<String> missing = new ArrayList<>();
        int total = 0;
        int earned = 0;
        boolean gateFailed = false;
        for (RubricItem item : items) {
            total += item.weight();
            if (item.coveredBy(design)) {
                earned += item.weight();
                covered.add(item.id());
            } else {
                missing.add(item.id());
                if (item.critical()) {
                    missingCritical.add(item.id());
                }
                gateFailed |= RubricItem.GATE.equals(item.check());
            }
        }
        double score = gateFailed ? 0.0 : (double) earned / total;
        return new RubricScore(score, covered, missingCritical, missing);
    }
}
