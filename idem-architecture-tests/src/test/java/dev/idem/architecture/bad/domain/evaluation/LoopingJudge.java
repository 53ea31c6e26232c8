package dev.idem.architecture.bad.domain.evaluation;

import dev.idem.architecture.bad.domain.spec.LoopingSpec;

/** Judges a spec, as evaluation may; the cycle is closed by the spec's side. */
public final class LoopingJudge {

    public boolean judge(LoopingSpec spec) {
        return spec.template() != null;
    }
}
