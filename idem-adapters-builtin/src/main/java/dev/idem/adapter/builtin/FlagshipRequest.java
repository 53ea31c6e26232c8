package dev.idem.adapter.builtin;

import dev.idem.domain.execution.ModelRequest;
import dev.idem.domain.template.Message;
import dev.idem.domain.template.Role;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The two inputs of the flagship spec, read back from its rendered messages.
 *
 * @param systemContext    the {@code <system_context>} value, tags decoded
 * @param failureScenarios the {@code <failure_scenarios>} value, tags decoded
 */
record FlagshipRequest(String systemContext, String failureScenarios) {

    private static final Pattern SYSTEM_CONTEXT =
            Pattern.compile("<system_context>(.*?)</system_context>", Pattern.DOTALL);
    private static final Pattern FAILURE_SCENARIOS =
            Pattern.compile("<failure_scenarios>(.*?)</failure_scenarios>", Pattern.DOTALL);

    /** The flagship's inputs, or empty when the request is not the flagship spec. */
    static Optional<FlagshipRequest> from(ModelRequest request) {
        List<Message> messages = request.messages();
        boolean flagshipSystem = messages.stream().filter(m -> m.role() == Role.SYSTEM).map(Message::content)
                .anyMatch(FlagshipRequest::isArchitectPrompt);
        if (!flagshipSystem) {
            return Optional.empty();
        }
        // The last user message wins: a conversation may quote earlier designs.
        for (int i = messages.size() - 1; i >= 0; i--) {
            Message m = messages.get(i);
            if (m.role() != Role.USER) {
                continue;
            }
            Matcher context = SYSTEM_CONTEXT.matcher(m.content());
            Matcher scenarios = FAILURE_SCENARIOS.matcher(m.content());
            if (context.find() && scenarios.find()) {
                return Optional.of(new FlagshipRequest(decode(context.group(1)), decode(scenarios.group(1))));
            }
        }
        return Optional.empty();
    }

    private static boolean isArchitectPrompt(String system) {
        String lower = system.toLowerCase(Locale.ROOT);
        return lower.contains("principal distributed systems and resilience architect") && lower.contains("idempotency");
    }

    /** Undoes the renderer's neutralisation of delimiter tags inside values ({@code &lt;/tag&gt;}). */
    static String decode(String value) {
        return value.replace("&lt;", "<").replace("&gt;", ">").strip();
    }
}
