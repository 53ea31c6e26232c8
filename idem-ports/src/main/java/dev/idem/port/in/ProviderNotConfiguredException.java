package dev.idem.port.in;

import dev.idem.domain.FailureCategory;
import dev.idem.domain.IdemFailure;
import java.util.List;

/** A provider lacks required settings, or one of its settings is unusable; the message names it. */
public final class ProviderNotConfiguredException extends IllegalStateException implements IdemFailure {

    private static final long serialVersionUID = 1L;
    private final String provider;
    private final List<String> missing;

    /**
     * A provider that lacks required settings.
     *
     * @param missing the settings it lacks, by name
     * @param words   how the message tells its reader to give them
     */
    public ProviderNotConfiguredException(String provider, List<String> missing, Vocabulary words) {
        super("provider '" + provider + "' is not configured: " + words.set(missing));
        this.provider = provider;
        this.missing = List.copyOf(missing);
    }

    /**
     * A provider whose settings are all there, but one of them cannot be used.
     *
     * @param problem what is wrong, naming the setting (e.g. {@code AZURE_OPENAI_ENDPOINT must be an https URL})
     */
    public ProviderNotConfiguredException(String provider, String problem) {
        super("provider '" + provider + "' is misconfigured: " + problem);
        this.provider = provider;
        this.missing = List.of();
    }

    public String provider() {
        return provider;
    }

    public List<String> missing() {
        return missing;
    }

    /** {@inheritDoc} Always {@link FailureCategory#UNAVAILABLE}: the provider's settings must be fixed. */
    @Override
    public FailureCategory category() {
        return FailureCategory.UNAVAILABLE;
    }
}
