package dev.idem.architecture.bad.port.out;

import dev.idem.architecture.bad.domain.IdemFailure;

/** Obeys the failure rule: an exception callers see, with its category. */
public final class CleanFailure extends IllegalArgumentException implements IdemFailure {
    private static final long serialVersionUID = 1L;

    @Override
    public String category() {
        return "USAGE";
    }
}
