package dev.idem.domain.template;

import java.util.Locale;
import java.util.Optional;

/** Who speaks a message. */
public enum Role {
    SYSTEM, USER, ASSISTANT;

    /** Parses {@code system}, {@code user} or {@code assistant} in any case. */
    public static Optional<Role> parse(String text) {
        if (text == null) {
            return Optional.empty();
        }
        for (Role r : values()) {
            if (r.name().equalsIgnoreCase(text.trim())) {
                return Optional.of(r);
            }
        }
        return Optional.empty();
    }

    /** The lowercase wire name: {@code system}, {@code user}, {@code assistant}. */
    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }
}
