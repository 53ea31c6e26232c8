package dev.idem.domain.template;

import java.util.Objects;

/**
 * A rendered message, ready to send.
 *
 * @param role    who speaks
 * @param content the final text
 */
public record Message(Role role, String content) {
    public Message {
        Objects.requireNonNull(role, "role");
        Objects.requireNonNull(content, "content");
    }
}
