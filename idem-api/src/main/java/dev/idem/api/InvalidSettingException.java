package dev.idem.api;

import dev.idem.domain.FailureCategory;
import dev.idem.domain.IdemFailure;

/** A setting read from the environment or the defaults cannot be used as it is; the message names it. */
public final class InvalidSettingException extends IllegalArgumentException implements IdemFailure {

    private static final long serialVersionUID = 1L;

    public InvalidSettingException(String message) {
        super(message);
    }

    /** {@inheritDoc} Always {@link FailureCategory#USAGE}: the setting must change. */
    @Override
    public FailureCategory category() {
        return FailureCategory.USAGE;
    }
}
