package dev.idem.domain.spec;

import java.util.Objects;
import java.util.Optional;

/**
 * A declared input of a spec.
 *
 * @param name         placeholder name, as in {@code {{name}}}
 * @param description  what the value means; may be empty
 * @param required     whether rendering fails without a value
 * @param type         declared type (free text such as {@code string}); may be empty
 * @param defaultValue used when no value is given
 */
public record Variable(String name, String description, boolean required, String type,
                       Optional<String> defaultValue) {
    public Variable {
        Objects.requireNonNull(name, "name");
        description = description == null ? "" : description;
        type = type == null ? "" : type;
        defaultValue = defaultValue == null ? Optional.empty() : defaultValue;
    }

    /** A required string variable with a description. */
    public static Variable required(String name, String description) {
        return new Variable(name, description, true, "string", Optional.empty());
    }
}
