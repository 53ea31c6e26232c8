package dev.idem.port.out;

import dev.idem.domain.FailureCategory;
import dev.idem.domain.IdemFailure;
import java.util.List;

/** No provider (or store) has the id asked for; the message lists the ones that exist. */
public final class UnknownProviderException extends IllegalArgumentException implements IdemFailure {

    private static final long serialVersionUID = 1L;
    private final List<String> available;

    public UnknownProviderException(String what, String id, List<String> available) {
        super("unknown " + what + " '" + id + "' (available: " + String.join(", ", available) + ")");
        this.available = List.copyOf(available);
    }

    public List<String> available() {
        return available;
    }

    /** {@inheritDoc} Always {@link FailureCategory#USAGE}: the id must be one of the available ones. */
    @Override
    public FailureCategory category() {
        return FailureCategory.USAGE;
    }
}
