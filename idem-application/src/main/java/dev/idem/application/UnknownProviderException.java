package dev.idem.application;

import java.util.List;

/** No provider (or store) has the id asked for; the message lists the ones that exist. */
public final class UnknownProviderException extends IllegalArgumentException {

    private static final long serialVersionUID = 1L;
    private final List<String> available;

    public UnknownProviderException(String what, String id, List<String> available) {
        super("unknown " + what + " '" + id + "' (available: " + String.join(", ", available) + ")");
        this.available = List.copyOf(available);
    }

    public List<String> available() {
        return available;
    }
}
