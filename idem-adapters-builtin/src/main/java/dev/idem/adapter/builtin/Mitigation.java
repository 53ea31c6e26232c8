package dev.idem.adapter.builtin;

import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/**
 * The standard mitigation of one failure mode (the reference's scenario table), refined by the technologies
 * recognised in the context.
 *
 * @param always      the lines every design gives
 * @param refinements the technology-specific lines, in the order they are given
 */
record Mitigation(List<String> always, List<Refinement> refinements) {

    Mitigation {
        always = List.copyOf(always);
        refinements = List.copyOf(refinements);
    }

    /**
     * Lines for a group of technologies.
     *
     * @param technologies the group: the lines apply when any of them is recognised
     * @param when         the lines given when one of them is recognised
     * @param otherwise    the lines given in their place when none is (often none)
     */
    record Refinement(Set<Technology> technologies, List<String> when, List<String> otherwise) {

        Refinement {
            technologies = Collections.unmodifiableSet(EnumSet.copyOf(technologies));
            when = List.copyOf(when);
            otherwise = List.copyOf(otherwise);
        }
    }

    /** The lines for the technologies recognised in {@code r}. */
    List<String> linesFor(Recognition r) {
        List<String> lines = new ArrayList<>(always);
        for (Refinement refinement : refinements) {
            boolean recognised = refinement.technologies().stream().anyMatch(r::has);
            lines.addAll(recognised ? refinement.when() : refinement.otherwise());
        }
        return lines;
    }
}
