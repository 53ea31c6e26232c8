package dev.idem.domain.template;

import java.util.List;

/**
 * A spec's messages with every placeholder filled in.
 *
 * @param messages the messages, ready to send
 * @param notices  what rendering changed in the values to keep them inside their delimiters, one line each;
 *                 empty when values were inserted unchanged
 */
public record RenderedPrompt(List<Message> messages, List<String> notices) {
    public RenderedPrompt {
        messages = List.copyOf(messages == null ? List.of() : messages);
        notices = List.copyOf(notices == null ? List.of() : notices);
    }
}
