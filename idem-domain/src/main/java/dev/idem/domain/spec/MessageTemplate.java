package dev.idem.domain.spec;

import dev.idem.domain.template.Role;
import java.util.Objects;

/**
 * A message of a spec before rendering: its text may hold {@code {{placeholders}}}.
 *
 * @param role    who speaks
 * @param content the template text
 */
public record MessageTemplate(Role role, String content) {
    public MessageTemplate {
        Objects.requireNonNull(role, "role");
        content = content == null ? "" : content;
    }
}
