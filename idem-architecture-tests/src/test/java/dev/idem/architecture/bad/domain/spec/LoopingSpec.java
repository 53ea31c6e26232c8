package dev.idem.architecture.bad.domain.spec;

import dev.idem.architecture.bad.domain.evaluation.LoopingJudge;
import dev.idem.architecture.bad.domain.template.CleanTemplate;

/** Uses template, as spec may, but also evaluation, which uses spec: a cycle between domain subpackages. */
public record LoopingSpec(CleanTemplate template, LoopingJudge judge) {
}
