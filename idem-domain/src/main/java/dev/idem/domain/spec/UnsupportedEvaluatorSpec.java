package dev.idem.domain.spec;

import java.util.Objects;

/**
 * An evaluator a spec writes that idem cannot check honestly: a kind with no equivalent ({@code type: latex},
 * {@code type: xml_structure}), a bare name ({@code - mathematical_rigor}), a short bare string whose sense is
 * ambiguous ({@code - sudo}: must the reply contain it, or must it not?), or a check of part of the reply
 * ({@code property: Structure}). The spec loads with it, so its other checks can run; it is never run as something
 * it is not: an evaluation stops before any call unless the user asks to skip the evaluators it cannot run, and
 * then it is reported as skipped and its case is never passed.
 *
 * @param name      evaluator name
 * @param construct what the spec wrote, as the user would recognise it (e.g. {@code type 'latex'})
 * @param reason    why idem cannot check it (e.g. {@code idem has no LaTeX checker}), with what to write instead
 *                  where there is something
 */
public record UnsupportedEvaluatorSpec(String name, String construct, String reason) implements EvaluatorSpec {

    public UnsupportedEvaluatorSpec {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(construct, "construct");
        Objects.requireNonNull(reason, "reason");
    }

    @Override
    public String kind() {
        return "unsupported";
    }

    /** One sentence for messages: what was written and why idem cannot check it. */
    public String why() {
        return construct + " cannot be checked: " + reason;
    }
}
