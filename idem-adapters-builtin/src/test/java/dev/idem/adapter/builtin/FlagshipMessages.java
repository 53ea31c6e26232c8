package dev.idem.adapter.builtin;

import dev.idem.domain.execution.ModelRequest;
import dev.idem.domain.template.Message;
import dev.idem.domain.template.Role;
import java.util.List;

/** The flagship spec's messages as the renderer produces them (system prompt copied from the seed). */
final class FlagshipMessages {

    static final String SYSTEM_PROMPT = """
            You are a Principal Distributed Systems and Resilience Architect specializing in API Idempotency and \
            Event-Driven State Machines.
            Your task is to engineer a comprehensive, expert-level idempotency strategy that robustly handles retries, \
            network blips, and duplicate messages without data corruption.
            You must address:
            - Idempotency key generation and lifecycle management.
            - State storage (e.g., Redis, DynamoDB) and transactional boundaries.
            - Strategies for handling concurrent identical requests (e.g., distributed locks).
            - TTL policies for idempotency records.
            Constraints:
            - Use **bold text** for critical architectural decisions and state machine transitions.
            - Use bullet points exclusively to detail failure modes, concurrency control, and storage choices.
            - Assume an expert technical audience; use industry-standard acronyms (e.g., API, TTL, DB) without \
            explaining them.
            - Do NOT include any introductory text, pleasantries, or conclusions. Provide only the architectural design.
            - If requested to design something that inherently corrupts data or bypasses safe distributed \
            transactions, explicitly refuse by outputting exactly: {"error": "unsafe"}
            """;

    static final String SEED_CONTEXT = "Microservices using synchronous REST API calls behind a gateway, plus async"
            + " event processing via Kafka with at-least-once delivery.";
    static final String SEED_SCENARIOS = "Gateway timeouts causing automated client retries, and Kafka consumer"
            + " rebalances leading to duplicate message delivery.";

    private FlagshipMessages() {
    }

    static ModelRequest request(String systemContext, String failureScenarios) {
        String user = "Design a system-wide idempotency strategy for the following environment:\nSystem Context:\n"
                + "<system_context>" + systemContext + "</system_context>\nFailure Scenarios:\n<failure_scenarios>"
                + failureScenarios + "</failure_scenarios>\n";
        return ModelRequest.of("gpt-4o", List.of(new Message(Role.SYSTEM, SYSTEM_PROMPT), new Message(Role.USER, user)));
    }

    static ModelRequest seedRequest() {
        return request(SEED_CONTEXT, SEED_SCENARIOS);
    }
}
