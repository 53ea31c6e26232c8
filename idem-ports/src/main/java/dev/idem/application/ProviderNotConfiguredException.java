package dev.idem.application;

import java.util.List;

/** A provider lacks required settings; the message names them. */
public final class ProviderNotConfiguredException extends IllegalStateException {

    private static final long serialVersionUID = 1L;
    private final String provider;
    private final List<String> missing;

    public ProviderNotConfiguredException(String provider, List<String> missing) {
        super("provider '" + provider + "' is not configured: set " + String.join(", ", missing));
        this.provider = provider;
        this.missing = List.copyOf(missing);
    }

    public String provider() {
        return provider;
    }

    public List<String> missing() {
        return missing;
    }
}
