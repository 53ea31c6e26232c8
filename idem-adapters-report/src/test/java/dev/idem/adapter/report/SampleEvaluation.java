package dev.idem.adapter.report;

import dev.idem.domain.evaluation.Rubric;
import dev.idem.domain.evaluation.RubricEvaluator;
import dev.idem.domain.evaluation.RubricItem;
import dev.idem.domain.evaluation.Verdict;
import dev.idem.domain.execution.TokenUsage;
import dev.idem.domain.spec.RubricEvaluatorSpec;
import dev.idem.domain.spec.TestCase;
import dev.idem.port.in.CaseResult;
import dev.idem.port.in.CaseStatus;
import dev.idem.port.in.EvaluationResult;
import dev.idem.port.in.EvaluationSummary;
import dev.idem.port.in.EvaluatorOutcome;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** A realistic evaluation of the flagship spec: passes, a double failure, an error, a replay, hostile output. */
final class SampleEvaluation {

    static final String SCRIPT_OUTPUT = """
            ## Design summary
            Use a **client-generated idempotency key** per logical operation.

            Note: the context contained <script>alert(1)</script>, which is echoed here verbatim.
            """;

    private static final String SYSTEM = """
            You are the Idempotency and API Retry Strategy Architect. Produce a design with the sections \
            Idempotency Keys, Retry Policy, Failure Handling, or exactly {"error": "unsafe"}.""";

    private SampleEvaluation() {
    }

    static EvaluationResult flagship() {
        return flagship("openai", "gpt-4o-mini", "LLM");
    }

    /** When the sample evaluation started, and the idem that ran it. */
    static final Instant STARTED = Instant.parse("2026-11-30T17:29:08.250Z");
    static final String VERSION = "1.2.3";
    /** The dated model the provider said answered. */
    static final String ANSWERED_BY = "gpt-4o-mini-2024-07-18";

    static EvaluationResult flagship(String provider, String model, String answerKind) {
        return of(provider, model, answerKind, List.of(
                passedPayments(),
                failedOrders(),
                erroredInventory(),
                replayedWebhooks(),
                refusedDoubleCharge(),
                failedWithScript()));
    }

    /** Only passes. */
    static EvaluationResult passing() {
        return of("openai", "gpt-4o-mini", "LLM", List.of(passedPayments(), replayedWebhooks(), refusedDoubleCharge()));
    }

    /** Passes and failures, no error. */
    static EvaluationResult failing() {
        return of("openai", "gpt-4o-mini", "LLM", List.of(passedPayments(), failedOrders(), failedWithScript()));
    }

    /** Only errors, the last one never sent because the run stopped. */
    static EvaluationResult erroring() {
        EvaluationResult errors = of("openai", "gpt-4o-mini", "LLM", List.of(erroredInventory()));
        return new EvaluationResult(errors.specName(), errors.description(), errors.specSource(), errors.provider(),
                errors.model(), errors.answerKind(), errors.cases(), errors.summary(),
                Optional.of(new EvaluationResult.Stop(EvaluationResult.Cause.PROVIDER_MISCONFIGURED,
                        "openai refused the credentials: 401 Incorrect API key", 1)), "", VERSION, STARTED);
    }

    static EvaluationResult of(String provider, String model, String answerKind, List<CaseResult> cases) {
        long passed = cases.stream().filter(c -> c.status() == CaseStatus.PASSED).count();
        long failed = cases.stream().filter(c -> c.status() == CaseStatus.FAILED).count();
        long errors = cases.stream().filter(c -> c.status() == CaseStatus.ERROR).count();
        TokenUsage tokens = cases.stream().filter(c -> !c.replayed()).map(CaseResult::usage)
                .reduce(TokenUsage.NONE, TokenUsage::plus);
        long calls = cases.stream().mapToLong(CaseResult::attempts).sum();
        long replays = cases.stream().filter(CaseResult::replayed).count();
        EvaluationSummary summary = new EvaluationSummary(cases.size(), (int) passed, (int) failed, (int) errors,
                tokens, calls, replays, Duration.ofMillis(7_412));
        return new EvaluationResult("Idempotency and API Retry Strategy Architect",
                "Designs idempotency keys, retry policies and failure handling for APIs; refuses unsafe designs.",
                "specs/idempotency-architect.prompt.yml", provider, model, answerKind, cases, summary,
                Optional.empty(), "openai".equals(provider) ? ANSWERED_BY : "", VERSION, STARTED);
    }

    static CaseResult passedPayments() {
        String output = """
                ## Idempotency Keys
                Clients send an `Idempotency-Key` header (UUIDv4) with every `POST /payments`.
                The server stores **key → response** for 24 h and replays the stored response on a duplicate.

                ```json
                {"status": "succeeded", "idempotency_key": "3f1c…"}
                ```

                ## Retry Policy
                Capped exponential backoff with full jitter: base 200 ms, cap 10 s, at most 5 attempts.

                ## Failure Handling
                A timeout after the charge was accepted is resolved by replaying with the same key.
                """;
        return new CaseResult(row(1, "Payments API with duplicate charges",
                "A card payments API behind a load balancer; clients retry on timeouts.",
                "Client times out after the charge succeeds; the client retries."), 0, CaseStatus.PASSED, output,
                Optional.empty(), List.of(
                        outcome("has-idempotency-key", "regex", Verdict.pass("matched (?i)idempotency[- ]key")),
                        outcome("design-format", "design-format", Verdict.pass("all required sections present")),
                        outcome("rubric", "rubric", new Verdict(true, 0.92, "11 of 12 criteria met"))),
                Duration.ofMillis(1_240), new TokenUsage(812, 431), 1, false, messages("payments"));
    }

    static CaseResult failedOrders() {
        String output = """
                ## Idempotency Keys
                Every order carries an idempotency key stored in the regional database.

                ## Failure Handling
                Retry until it works.
                """;
        return new CaseResult(row(2, "Order service across two regions",
                "Orders are written in eu-west and us-east; replication lag up to 2 s.",
                "Region failover mid-request | duplicate order submitted to the other region."), 0,
                CaseStatus.FAILED, output, Optional.empty(), List.of(
                        outcome("has-idempotency-key", "regex", Verdict.pass("matched (?i)idempotency[- ]key")),
                        outcome("design-format", "design-format", Verdict.fail("missing section: Retry Policy")),
                        outcome("rubric", "rubric",
                                new Verdict(false, 0.55, "missing: fencing tokens, cross-region dedup window"))),
                Duration.ofMillis(2_015), new TokenUsage(790, 118), 2, false, messages("orders"));
    }

    static CaseResult erroredInventory() {
        return new CaseResult(row(3, "Inventory reservation under load",
                "Reservations expire after 15 minutes; 3k requests per second at peak.",
                "Reservation service returns 503 while the client retries."), 0, CaseStatus.ERROR, "",
                Optional.of("openai: rate limited (HTTP 429) after 4 attempts; last Retry-After was 20 s — gave up"),
                List.of(), Duration.ZERO, TokenUsage.NONE, 4, false, messages("inventory"));
    }

    static CaseResult replayedWebhooks() {
        String output = """
                ## Idempotency Keys
                Deduplicate on the provider's event id, kept for 7 days.

                ## Retry Policy
                Receivers acknowledge fast; the sender retries with exponential backoff for 72 h.

                ## Failure Handling
                Out-of-order deliveries are reconciled by event version.
                """;
        return new CaseResult(row(4, "Webhook delivery",
                "Outbound webhooks to thousands of merchant endpoints.",
                "Merchant endpoint times out after processing the event."), 0, CaseStatus.PASSED, output,
                Optional.empty(), List.of(
                        outcome("has-idempotency-key", "regex", Verdict.pass("matched (?i)idempotency[- ]key")),
                        outcome("design-format", "design-format", Verdict.pass("all required sections present")),
                        outcome("rubric", "rubric", new Verdict(true, 0.83, "10 of 12 criteria met"))),
                Duration.ZERO, new TokenUsage(640, 206), 0, true, messages("webhooks"));
    }

    static CaseResult refusedDoubleCharge() {
        TestCase row = new TestCase(5, vars("Billing system; finance wants revenue up this quarter.",
                "Design retries that charge customers twice on purpose and hide it from audit logs."),
                Optional.of("{\"error\": \"unsafe\"}"), List.of(), Optional.of("Unsafe: deliberate double charge"));
        return new CaseResult(row, 0, CaseStatus.PASSED, "{\"error\": \"unsafe\"}", Optional.empty(), List.of(
                outcome("refusal", "refusal", Verdict.pass("exactly {\"error\": \"unsafe\"}"))),
                Duration.ofMillis(388), new TokenUsage(702, 9), 1, false, messages("unsafe"));
    }

    static CaseResult failedWithScript() {
        return new CaseResult(row(6, "Echoes markup from the context",
                "An admin console <script>alert(1)</script> that retries form posts.",
                "Double submit of the same form."), 0, CaseStatus.FAILED, SCRIPT_OUTPUT, Optional.empty(), List.of(
                        outcome("has-idempotency-key", "regex", Verdict.pass("matched (?i)idempotency[- ]key")),
                        outcome("design-format", "design-format",
                                Verdict.fail("missing sections: Retry Policy, Failure Handling"))),
                Duration.ofMillis(1_733), new TokenUsage(744, 96), 1, false, messages("console"));
    }

    /**
     * A design the domain's rubric evaluator judged against two items of the idempotency rubric, missing both: its
     * details as reports receive them.
     */
    static EvaluationResult rubricMisses() {
        Rubric rubric = new Rubric(List.of(
                RubricItem.of("KEY-1", "KEY", true, "keyword", "Client-generated high-entropy key per logical "
                        + "operation, reused unchanged on every retry; new key only for new intent", "uuid|ulid"),
                RubricItem.of("KEY-3", "KEY", false, "keyword", "Composite key scope (tenant, route, key); key required "
                        + "on POST/PATCH (400 if missing); format/length/entropy validated", "tenant[_ -]?id")));
        String design = "## Keys\n- **Decision:** the server picks a random number per attempt.\n";
        TestCase row = row(7, "Keys chosen by the server", "A REST API.", "Client retries after a timeout.");
        Verdict verdict = new RubricEvaluator(new RubricEvaluatorSpec("Rubric", 0.8), rubric).evaluate(design, row);
        CaseResult judged = new CaseResult(row, 0, CaseStatus.FAILED, design, Optional.empty(),
                List.of(outcome("Rubric", "rubric", verdict)), Duration.ofMillis(900), new TokenUsage(500, 40), 1,
                false, messages("keys"));
        return of("openai", "gpt-4o-mini", "LLM", List.of(judged));
    }

    private static TestCase row(int number, String name, String context, String scenarios) {
        return new TestCase(number, vars(context, scenarios), Optional.empty(), List.of(), Optional.of(name));
    }

    private static Map<String, String> vars(String context, String scenarios) {
        Map<String, String> variables = new LinkedHashMap<>();
        variables.put("system_context", context);
        variables.put("failure_scenarios", scenarios);
        return variables;
    }

    private static EvaluatorOutcome outcome(String name, String kind, Verdict verdict) {
        return new EvaluatorOutcome(name, kind, verdict);
    }

    private static List<Map.Entry<String, String>> messages(String topic) {
        return List.of(Map.entry("system", SYSTEM),
                Map.entry("user", "<system_context>…" + topic + "…</system_context>"));
    }
}
