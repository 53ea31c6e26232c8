package dev.idem.port.out;

import dev.idem.domain.evaluation.Rubric;

/** Supplies the idempotency scoring rubric. */
public interface RubricRepository {

    /** The rubric; loaded once, then the same instance. */
    Rubric load();
}
