package dev.idem.adapter.builtin;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Pins the built-in architect's exact answer for a few inputs that between them reach almost every fact,
 * mitigation and conditional sentence, so that a refactoring cannot change a byte unnoticed (the other tests
 * check only what a design contains). When a design is meant to change, for instance after a fact was
 * corrected, the failing case writes the new answer to {@code target/pinned-designs/}: review the difference
 * and copy it over the pinned file.
 */
class PinnedDesignTest {

    private static final Path ACTUAL = Path.of("target", "pinned-designs");

    private final BuiltinArchitectGateway gateway = new BuiltinArchitectGateway();

    static Stream<Arguments> cases() {
        return Stream.of(
                Arguments.of("readme-gateway-and-kafka", "REST APIs behind a gateway plus Kafka consumers",
                        "gateway timeouts and consumer rebalances"),
                Arguments.of("sqs-fifo-lambda-dynamodb", "Order events flow through an SQS FIFO queue to a Lambda"
                        + " consumer that writes order state to DynamoDB.", "The producer retries a send after a"
                        + " timeout; a Lambda invocation runs longer than the visibility timeout; a DLQ redrive"
                        + " happens a day later."),
                Arguments.of("event-hubs-cosmos-db", "A .NET EventProcessorClient reads payment events from Azure"
                        + " Event Hubs (partition key = account ID, checkpoints in Blob Storage) and writes account"
                        + " state to Azure Cosmos DB.", "After a rebalance the new partition owner reprocesses"
                        + " events since the last checkpoint; two processor instances update the same account"
                        + " document concurrently."),
                Arguments.of("redis-and-mysql", "A Node.js booking API keeps idempotency records in a Redis Cluster"
                        + " (ElastiCache) and reservations in MySQL.", "Two identical booking requests arrive on"
                        + " different pods at the same moment; the Redis primary fails over and a replica that"
                        + " missed the last writes is promoted."),
                Arguments.of("nothing-recognised", "A monolith with a few background workers.",
                        "Things go wrong sometimes."),
                Arguments.of("every-technology-and-failure-mode", "a REST API, an API gateway, gRPC services, a"
                        + " GraphQL API, Kafka consumers, RabbitMQ workers, an SQS FIFO queue, a standard SQS queue,"
                        + " Google Cloud Pub/Sub, Azure Service Bus, Amazon EventBridge, NATS JetStream, Kinesis Data"
                        + " Streams read by KCL, Azure Event Hubs, inbound webhooks, Stripe payments, Redis locks,"
                        + " DynamoDB, PostgreSQL, MySQL, CockroachDB, Cassandra, MongoDB, Azure Cosmos DB, AWS Lambda,"
                        + " nightly batch jobs, a multi-region active-active deployment", "gateway timeouts with"
                        + " client retries; consumer rebalances; duplicate deliveries; the visibility timeout"
                        + " expiring; a worker crashes before the ack; GC pauses; a network partition; database"
                        + " failover with replica lag; a Redis outage; clock skew; poison messages; key reuse with a"
                        + " different payload; retry storms; duplicate webhooks; double clicks; out-of-order"
                        + " delivery; partial failures; PSP timeouts; an unknown outcome after a lost response"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void should_answer_byte_for_byte_as_pinned(String name, String systemContext, String failureScenarios)
            throws IOException {
        // given
        String pinned = pinned(name);
        // when
        String design = gateway.complete(FlagshipMessages.request(systemContext, failureScenarios)).text();
        // then
        if (!design.equals(pinned)) {
            Files.createDirectories(ACTUAL);
            Files.writeString(ACTUAL.resolve(name + ".md"), design);
        }
        assertThat(design).as("the design for '%s' (the new answer is in %s)", name, ACTUAL.resolve(name + ".md"))
                .isEqualTo(pinned);
    }

    private static String pinned(String name) throws IOException {
        try (InputStream in = PinnedDesignTest.class.getResourceAsStream("pinned/" + name + ".md")) {
            assertThat(in).as("pinned design %s", name).isNotNull();
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
