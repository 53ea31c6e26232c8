package dev.idem.port.in;

import java.util.Optional;

/**
 * Which provider answers, and which model it uses (empty: the spec's model, or the provider's own choice).
 *
 * @param provider provider id, e.g. {@code builtin}, {@code openai}, {@code azure-openai}, {@code ollama}
 * @param model    a model that overrides the spec's
 */
public record ModelChoice(String provider, Optional<String> model) {
    /** @throws InvalidCommandException if the provider is missing or blank */
    public ModelChoice {
        if (InvalidCommandException.required(provider, "provider").isBlank()) {
            throw new InvalidCommandException("provider must not be blank");
        }
        model = model == null ? Optional.empty() : model.filter(m -> !m.isBlank());
    }

    public static ModelChoice of(String provider) {
        return new ModelChoice(provider, Optional.empty());
    }

    public static ModelChoice of(String provider, String model) {
        return new ModelChoice(provider, Optional.ofNullable(model));
    }
}
