package dev.idem.port.in;

import dev.idem.domain.FailureCategory;
import dev.idem.domain.IdemFailure;
import java.util.List;

/**
 * No service provider has the id asked for: a model provider, a store scheme, a report format. The message lists the
 * ones that exist.
 */
public final class UnknownProviderException extends IllegalArgumentException implements IdemFailure {

    private static final long serialVersionUID = 1L;
    private final List<String> available;

    /**
     * @param what      what the id names, e.g. {@code provider} or {@code store}
     * @param id        the id asked for
     * @param available the ids that exist
     */
    public UnknownProviderException(String what, String id, List<String> available) {
        super("unknown " + what + " '" + id + "' (available: " + String.join(", ", available) + ")");
        this.available = List.copyOf(available);
    }

    /** The ids that exist, sorted. */
    public List<String> available() {
        return available;
    }

    /** {@inheritDoc} Always {@link FailureCategory#USAGE}: the id must be one of the available ones. */
    @Override
    public FailureCategory category() {
        return FailureCategory.USAGE;
    }
}
