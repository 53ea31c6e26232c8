package dev.idem.domain.spec;

import java.util.Locale;
import java.util.Optional;

/** The shape of reply a spec asks the model for. */
public enum ResponseFormat {
    TEXT, JSON_OBJECT, JSON_SCHEMA;

    /** Parses {@code text}, {@code json_object} (or {@code json}) and {@code json_schema}. */
    public static Optional<ResponseFormat> parse(String text) {
        if (text == null) {
            return Optional.empty();
        }
        switch (text.trim().toLowerCase(Locale.ROOT)) {
            case "text": return Optional.of(TEXT);
            case "json": case "json_object": return Optional.of(JSON_OBJECT);
            case "json_schema": return Optional.of(JSON_SCHEMA);
            default: return Optional.empty();
        }
    }

    /** The wire name: {@code text}, {@code json_object}, {@code json_schema}. */
    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }
}
