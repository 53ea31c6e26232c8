package dev.idem.port.in;

import dev.idem.domain.FailureCategory;
import dev.idem.domain.IdemFailure;

/**
 * Two service providers on the class path claim one id (a model provider, a store scheme, a report format): idem
 * cannot tell which one is meant, so it refuses both rather than let the last one found win. The message names
 * both classes.
 */
public final class DuplicateProviderException extends IllegalStateException implements IdemFailure {

    private static final long serialVersionUID = 1L;

    /**
     * @param what   what the id names, e.g. {@code store}
     * @param id     the id both claim
     * @param first  the class of one provider
     * @param second the class of the other
     */
    public DuplicateProviderException(String what, String id, String first, String second) {
        super("two service providers claim the " + what + " id '" + id + "': " + first + " and " + second
                + " (keep one of them on the class path)");
    }

    /** {@inheritDoc} {@link FailureCategory#INTERNAL}: idem (or the application embedding it) is packaged wrongly. */
    @Override
    public FailureCategory category() {
        return FailureCategory.INTERNAL;
    }
}
