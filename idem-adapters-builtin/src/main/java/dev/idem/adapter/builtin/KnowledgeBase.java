package dev.idem.adapter.builtin;

import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * Per-technology measures, transcribed from the domain reference (its Part 3 knowledge base and the Part 1
 * findings it cites). Numbers are the reference's; where the reference says a value is a source default, the
 * text says so. Kinesis Data Streams, Event Hubs and Cosmos DB are not in the reference: their numbers are the
 * vendors' documented defaults and limits, marked where they were not re-verified against the vendor docs.
 */
final class KnowledgeBase {

    /** The design section a fact belongs to. */
    enum Topic { KEY, STORAGE, CONCURRENCY, TTL, RETRY, PITFALLS }

    private final Map<Technology, Map<Topic, List<String>>> facts = new EnumMap<>(Technology.class);

    KnowledgeBase() {
        httpAndGateways();
        rpcAndGraph();
        brokers();
        streams();
        pushAndMoney();
        stores();
        platforms();
        facts.replaceAll((technology, byTopic) -> {
            Map<Topic, List<String>> frozen = new EnumMap<>(Topic.class);
            byTopic.forEach((topic, lines) -> frozen.put(topic, List.copyOf(lines)));
            return Collections.unmodifiableMap(frozen);
        });
    }

    /** The facts about a technology for one section, in a fixed order; empty when there are none. */
    List<String> facts(Technology technology, Topic topic) {
        return facts.getOrDefault(technology, Map.of()).getOrDefault(topic, List.of());
    }

    private void put(Technology t, Topic topic, String... lines) {
        facts.computeIfAbsent(t, k -> new EnumMap<>(Topic.class))
                .computeIfAbsent(topic, k -> new ArrayList<>()).addAll(List.of(lines));
    }

    private void httpAndGateways() {
        Technology t = Technology.HTTP_API;
        put(t, Topic.KEY,
                "**REST: `Idempotency-Key` request header** (IETF `draft-ietf-httpapi-idempotency-key-header`), an RFC 8941"
                        + " sf-string such as `Idempotency-Key: \"8e03978e-40d5-43e8-bc93-6894a57f9324\"`; required on POST"
                        + " and PATCH (GET, PUT and DELETE are idempotent by definition)",
                "REST status codes: **400** when the key is missing, **422** when it is reused with a different"
                        + " payload, **409** while the original is still in flight; problem+json bodies; the expiry policy is"
                        + " published with the API");
        put(t, Topic.STORAGE,
                "Enforcement lives in the service (or a shared middleware in front of its handlers), not in the gateway,"
                        + " so the claim and the business change share the service's transaction");
        put(t, Topic.CONCURRENCY,
                "REST duplicate of an IN_PROGRESS key: `409 Conflict` with `Retry-After: 1`; latency-sensitive endpoints may"
                        + " instead wait up to 1 s for completion and replay");
        put(t, Topic.RETRY,
                "HTTP classification: retry transport errors, 408, 429, 502, 503 and 504 with the same key; retry 500 only"
                        + " with the same key (indeterminate); never retry 400, 401, 403, 404 or 422 without correcting the"
                        + " request");
        put(t, Topic.PITFALLS,
                "429s come from a rate limiter in front of the idempotency layer and are not cached: a retry with the same"
                        + " key can get a different answer",
                "Unvalidated or low-entropy keys allow probing another client's cached response; the composite"
                        + " (tenant, route, key) lookup blocks it");

        t = Technology.API_GATEWAY;
        put(t, Topic.KEY,
                "The gateway forwards `Idempotency-Key` unchanged and never mints one: a key generated per attempt defeats"
                        + " deduplication");
        put(t, Topic.STORAGE, "The gateway holds no idempotency state; the service behind it owns the claim");
        put(t, Topic.CONCURRENCY,
                "A gateway timeout shorter than the service's processing time turns client retries into concurrent"
                        + " duplicates: the claim answers them with 409 or a replay, never a second execution");
        put(t, Topic.RETRY,
                "**Decision: the gateway never retries POST or PATCH**: NGINX ≥ 1.9.13 does not pass a non-idempotent"
                        + " request to the next upstream unless `proxy_next_upstream … non_idempotent` is set; Envoy `retry_on`"
                        + " (`5xx`, `gateway-error`, `reset`) only on idempotent routes, bounded by `retry_budget`",
                "**Timeout ordering: service < gateway < client**, e.g. service 25 s, gateway 29 s (the commonly cited AWS"
                        + " API Gateway REST integration timeout), client 35 s, so the service gives up before the gateway does");
        put(t, Topic.PITFALLS,
                "A load-balancer idle timeout cuts long requests: operations that can outlive it return **202 Accepted**"
                        + " plus a status resource keyed by the idempotency key");
    }

    private void rpcAndGraph() {
        Technology t = Technology.GRPC;
        put(t, Topic.KEY,
                "gRPC: a `request_id` (UUID) field in the request message (Google AIP-155) or `idempotency-key` metadata,"
                        + " scoped by method and caller; Google Cloud APIs honour `request_id` for at least 60 minutes",
                "protobuf `idempotency_level` (`NO_SIDE_EFFECTS`, `IDEMPOTENT`) documents a method; it enforces nothing");
        put(t, Topic.STORAGE,
                "A server interceptor claims (method, caller, `request_id`) in the same store before the handler runs");
        put(t, Topic.CONCURRENCY,
                "gRPC status mapping: concurrent duplicate → `ABORTED` (the 409 analogue); key reused with a different"
                        + " payload → `FAILED_PRECONDITION` (the 422 analogue); repeat of a completed create → the original"
                        + " response or `ALREADY_EXISTS`");
        put(t, Topic.RETRY,
                "gRPC service config `retryPolicy{maxAttempts: 3, initialBackoff: 0.1s, maxBackoff: 20s, backoffMultiplier: 2,"
                        + " retryableStatusCodes: [UNAVAILABLE]}`; the client caps `maxAttempts` at 5 and the call deadline"
                        + " spans all attempts",
                "gRPC `retryThrottling{maxTokens: 10, tokenRatio: 0.1}`: a failure costs 1 token, a success earns 0.1,"
                        + " retries stop at or below half the tokens; honour `grpc-retry-pushback-ms` (negative means do not"
                        + " retry); hedging only for idempotent methods");
        put(t, Topic.PITFALLS,
                "`DEADLINE_EXCEEDED` is ambiguous: retry only with the same `request_id`, and propagate the deadline so"
                        + " downstream work stops when the caller gives up",
                "An RPC is committed once response headers arrive; from then on the channel no longer retries it");

        t = Technology.GRAPHQL;
        put(t, Topic.KEY,
                "GraphQL: one key per mutation field, as an `idempotencyKey` input argument or an `@idempotent(key: …)`"
                        + " directive (Shopify Admin API), scoped by viewer and tenant; never one key for a document carrying"
                        + " several mutations");
        put(t, Topic.STORAGE,
                "GraphQL resolver middleware claims (tenant, mutation name, key) and fingerprints the mutation's variables"
                        + " (SHA-256 over canonical JSON)");
        put(t, Topic.CONCURRENCY,
                "Concurrent duplicate mutation → an `errors` entry with `extensions.code = IDEMPOTENCY_KEY_IN_USE`, never a"
                        + " parallel execution");
        put(t, Topic.RETRY,
                "GraphQL clients decide retries from `errors[].extensions.code`, not the HTTP status: a 200 can carry `data`"
                        + " plus `errors` (partial success); mutations over GET are rejected with 405");
        put(t, Topic.PITFALLS,
                "Partial success: only the failed mutation fields are retried, each with its own key",
                "Persisted-query IDs are not idempotency keys",
                "Federation fan-out: each subgraph call carries a derived key `H(parentKey ‖ subgraph ‖ field)`");
    }

    private void brokers() {
        Technology t = Technology.KAFKA;
        put(t, Topic.KEY,
                "Kafka: every record carries a business `event_id` header set once by the producer and kept across producer"
                        + " retries and republishes; `(topic, partition, offset)` only detects exact redelivery; the record key"
                        + " (e.g. `orderId`) drives per-entity ordering");
        put(t, Topic.STORAGE,
                "Kafka consumer inbox: `processed_events(consumer_group, event_id)` primary key, inserted in the same DB"
                        + " transaction as the side effect; a duplicate violates the key, the transaction rolls back, the offset"
                        + " is committed",
                "Kafka sink alternative: store consumed offsets with the output in the same transaction and `seek` to them in"
                        + " `onPartitionsAssigned`",
                "Kafka producers: `enable.idempotence=true`, `acks=all`, `max.in.flight.requests.per.connection ≤ 5`;"
                        + " Kafka→Kafka steps use `transactional.id`, `isolation.level=read_committed`,"
                        + " `enable.auto.commit=false` and `sendOffsetsToTransaction` (exactly-once inside Kafka only)",
                "Kafka publishing goes through a transactional outbox relayed by CDC (Debezium) or a poller: at-least-once,"
                        + " so every consumer stays idempotent");
        put(t, Topic.CONCURRENCY,
                "Kafka: partition by the entity key, so one consumer instance is the single writer for an entity; no"
                        + " distributed lock on the consume path",
                "Kafka fencing: zombie producers are fenced by the producer epoch of `transactional.id`; zombie consumers'"
                        + " offset commits are rejected by the group generation or member epoch");
        put(t, Topic.TTL,
                "Kafka inbox rows live at least as long as topic retention, so a replay from an old offset still hits the"
                        + " inbox");
        put(t, Topic.RETRY,
                "Kafka consumers: a few in-process attempts with backoff, then retry topics with growing delays, then a DLT;"
                        + " retry topics reorder records, so handlers compare entity versions");
        put(t, Topic.PITFALLS,
                "Rebalance redelivery: commit processed offsets in `ConsumerRebalanceListener.onPartitionsRevoked` and keep"
                        + " each poll loop under `max.poll.interval.ms` (default 300000 ms) by bounding `max.poll.records`",
                "A hanging transaction holds back the LSO and stalls `read_committed` consumers; the default"
                        + " `isolation.level=read_uncommitted` exposes aborted records",
                "Conflicting producer configs silently disable idempotence unless `enable.idempotence=true` is set"
                        + " explicitly (then the producer throws `ConfigException`)");

        t = Technology.RABBITMQ;
        put(t, Topic.KEY,
                "RabbitMQ: the publisher sets the `message_id` property from the business ID, stable across republishes"
                        + " after a lost confirm");
        put(t, Topic.STORAGE,
                "RabbitMQ inbox keyed by (consumer, `message_id`), committed with the effect before `basic.ack`; publisher"
                        + " confirms and manual consumer acks");
        put(t, Topic.CONCURRENCY,
                "RabbitMQ per-entity ordering: a single active consumer, or a consistent-hash exchange on the entity key");
        put(t, Topic.RETRY,
                "RabbitMQ quorum queues: `delivery-limit` (default 20 since 4.0; set 5–10) with a dead-letter exchange"
                        + " configured, since without a DLX the message is dropped at the limit; `x-delivery-count` tracks"
                        + " attempts");
        put(t, Topic.PITFALLS,
                "Crash after the side effect, before `basic.ack`: the redelivery carries `redelivered=true`, a hint only;"
                        + " the inbox decides",
                "`consumer_timeout` (default 30 min, 1800000 ms) closes the channel and redelivers every unacked message:"
                        + " keep handlers well under it or raise it per queue",
                "A publisher retry after a lost confirm duplicates the message; `message_id` in the inbox absorbs it");

        t = Technology.SQS_FIFO;
        put(t, Topic.KEY,
                "SQS FIFO: `MessageDeduplicationId` = the business operation ID (≤ 128 chars), never a random value per"
                        + " send; content-based deduplication hashes only the body (SHA-256), not the attributes",
                "SQS FIFO: `MessageGroupId` = the entity ID, so one entity's messages are processed one at a time, in order");
        put(t, Topic.STORAGE,
                "SQS FIFO deduplication covers only the 5-minute deduplication interval: the consumer still claims the"
                        + " business key in the idempotency store before its side effect");
        put(t, Topic.CONCURRENCY,
                "SQS `MessageGroupId` serializes per entity: the next message of a group is not delivered until the current"
                        + " one is deleted or its visibility timeout expires");
        put(t, Topic.TTL,
                "The SQS FIFO 5-minute window is far shorter than the retry horizon: idempotency records outlive it, so"
                        + " producer retries and DLQ redrives after 5 minutes are still deduplicated");
        put(t, Topic.RETRY,
                "SQS redrive policy with `maxReceiveCount` set explicitly (e.g. 5) to a FIFO DLQ; a redrive keeps the"
                        + " business ID, so replays still deduplicate");
        put(t, Topic.PITFALLS,
                "Visibility timeout (30 s default, 12 h max) shorter than processing lets a second consumer receive the"
                        + " message: size it to ≥ 6× the handler timeout or extend it with `ChangeMessageVisibility` while"
                        + " working",
                "A partial batch failure reprocesses the whole batch unless the Lambda event source reports"
                        + " `ReportBatchItemFailures`");

        t = Technology.SQS_STANDARD;
        put(t, Topic.KEY,
                "SQS standard queues do not deduplicate: the producer puts a business `event_id` in a message attribute;"
                        + " `MessageId` only detects redelivery of the same send");
        put(t, Topic.STORAGE,
                "The SQS consumer claims `event_id` with a conditional write before (or together with) the side effect");
        put(t, Topic.CONCURRENCY,
                "SQS standard ordering is best-effort: handlers apply an update only when `version > stored version`, so an"
                        + " older message never overwrites newer state");
        put(t, Topic.RETRY,
                "SQS redrive policy with `maxReceiveCount` set explicitly (e.g. 5) to a DLQ; alert on DLQ depth");
        put(t, Topic.PITFALLS,
                "Visibility timeout (30 s default, 12 h max) shorter than processing lets a second consumer receive the"
                        + " message: size it to ≥ 6× the handler timeout or extend it with `ChangeMessageVisibility`",
                "Retention defaults to 4 days (max 14): a DLQ redrive can replay messages days old, so the TTL covers the"
                        + " redrive window",
                "A partial batch failure reprocesses the whole batch unless the Lambda event source reports"
                        + " `ReportBatchItemFailures`");

        t = Technology.PUBSUB;
        put(t, Topic.KEY,
                "Pub/Sub: the publisher sets a business `event_id` attribute; the Pub/Sub message ID only catches"
                        + " redelivery of one publish, not publisher retries that create new messages");
        put(t, Topic.STORAGE,
                "Pub/Sub inbox keyed by `event_id` (a PostgreSQL or Spanner table, or a Firestore create-if-absent),"
                        + " committed before the ack");
        put(t, Topic.CONCURRENCY,
                "Pub/Sub ordering keys serialize per entity; exactly-once delivery (pull and StreamingPull only, within one"
                        + " region) is enabled where available, and the subscriber checks ack results (only the latest ack ID"
                        + " is valid)");
        put(t, Topic.RETRY,
                "Pub/Sub dead-letter topic with a max-delivery-attempts count (e.g. 5–10) and a subscription retry policy"
                        + " with exponential backoff");
        put(t, Topic.PITFALLS,
                "Processing longer than the ack deadline (10 s default, 10–600 s) triggers redelivery: extend the deadline"
                        + " with `modifyAckDeadline` while working",
                "An ack that fails after the DB commit causes a redelivery that only the inbox absorbs",
                "Switching regional endpoints loses the exactly-once delivery guarantee");

        t = Technology.SERVICE_BUS;
        put(t, Topic.KEY,
                "Service Bus: `MessageId` = the business ID, stable across sender retries (a random `MessageId` per retry"
                        + " defeats duplicate detection)");
        put(t, Topic.STORAGE,
                "Service Bus duplicate detection (Standard and Premium tiers) with `DuplicateDetectionHistoryTimeWindow` set"
                        + " explicitly (10 min default in ARM, 1 min per the .NET admin client; 20 s – 7 days), plus the consumer"
                        + " inbox for anything older");
        put(t, Topic.CONCURRENCY,
                "Service Bus sessions (`SessionId` = entity ID) give FIFO and one receiver per entity; the PeekLock lock"
                        + " (1 min default, 5 min max) is renewed while processing");
        put(t, Topic.RETRY,
                "Service Bus `MaxDeliveryCount` 10, then the DLQ (`MaxDeliveryCountExceeded`); DLQ replays keep the original"
                        + " `MessageId`");
        put(t, Topic.PITFALLS,
                "A lock lost during slow processing hands the message to another receiver: renew the lock, and keep the"
                        + " inbox insert in the effect's transaction",
                "Sender retries that outlast the duplicate-detection window are caught only by the inbox");

        t = Technology.EVENTBRIDGE;
        put(t, Topic.KEY,
                "EventBridge: the idempotency key is a business key from `detail` (e.g. `detail.orderId` plus version); the"
                        + " event `id` detects redelivery of one event");
        put(t, Topic.STORAGE, "EventBridge targets claim the key with a conditional write before any side effect");
        put(t, Topic.TTL,
                "EventBridge records kept ≥ 24 h (the classic rule-target retry window) plus the archive replay horizon");
        put(t, Topic.RETRY,
                "EventBridge classic rule targets retry for 24 h and up to 185 attempts with exponential backoff and jitter;"
                        + " newer custom-bus subscribers default to 5 attempts / 300 s; configure a target DLQ, since without"
                        + " one exhausted events are dropped (`EventsDropped`)");
        put(t, Topic.PITFALLS,
                "Archive replay after a fix re-sends old events: the TTL covers the replay window, or entity versions fence"
                        + " stale events",
                "Step Functions or Lambda targets re-run side effects on every retry unless each step claims its derived key");

        t = Technology.NATS;
        put(t, Topic.KEY,
                "NATS JetStream: publishers set the `Nats-Msg-Id` header from the business ID; the stream's duplicate window"
                        + " (2 min default) drops repeats inside it");
        put(t, Topic.STORAGE, "NATS consumer inbox keyed by `Nats-Msg-Id`, written with the effect before the ack");
        put(t, Topic.CONCURRENCY, "NATS per-entity subjects, each consumed by a single consumer, serialize an entity");
        put(t, Topic.RETRY,
                "NATS consumers set `AckWait` (30 s default) and `MaxDeliver` (unlimited by default) explicitly, with"
                        + " `BackOff`; poison messages are terminated with `AckTerm` and parked");
        put(t, Topic.PITFALLS,
                "Processing past `AckWait` triggers redelivery: send `AckProgress` (`+WPI`) while working",
                "Core NATS without JetStream is at-most-once: no redelivery and no deduplication");
    }

    private void streams() {
        Technology t = Technology.KINESIS;
        put(t, Topic.KEY,
                "Kinesis Data Streams: the producer writes a business `event_id` into every record, set once and kept on"
                        + " retries: a `PutRecord` retried after a timeout stores a second record with a new sequence"
                        + " number, so sequence numbers cannot catch producer duplicates",
                "Kinesis: (shard ID, sequence number) only identifies one stored record and detects its redelivery; the"
                        + " partition key (e.g. `orderId`) keeps one entity's records on one shard, in order");
        put(t, Topic.STORAGE,
                "Kinesis consumer inbox: `processed_events(application, event_id)` primary key, inserted in the same"
                        + " transaction as the side effect; the KCL checkpoints a shard (in its DynamoDB lease table) only"
                        + " after the batch's effects committed",
                "Kinesis `PutRecords` is not atomic: it returns `FailedRecordCount` and a per-record `ErrorCode`, and only"
                        + " the failed records are resent, each with its original `event_id`");
        put(t, Topic.CONCURRENCY,
                "Kinesis: one KCL worker holds a shard's lease at a time and processes its records in sequence-number"
                        + " order, so the shard has a single writer; when the lease moves, the new holder starts at the last"
                        + " checkpoint and an entity version check rejects the former holder's late writes");
        // Retention values are AWS's documented defaults and limits, not re-verified against the AWS docs.
        put(t, Topic.TTL,
                "Kinesis retention is 24 h by default (extendable to 7 days, long-term up to 365 days): inbox records"
                        + " outlive it, so a re-read from `TRIM_HORIZON` or an `AT_TIMESTAMP` replay still hits the inbox");
        put(t, Topic.RETRY,
                "Kinesis through a Lambda event source mapping: `BisectBatchOnFunctionError`, `MaximumRetryAttempts` and"
                        + " `MaximumRecordAgeInSeconds` set explicitly, `ReportBatchItemFailures`, and an on-failure"
                        + " destination, since by default a failing batch is retried until its records expire",
                "KCL consumers: a few in-process attempts with backoff, then the record is parked in an application-owned"
                        + " dead-letter store and the shard moves on (Kinesis has no DLQ)");
        // Per-shard write limits are AWS's documented values, not re-verified against the AWS docs.
        put(t, Topic.PITFALLS,
                "Kinesis redelivery: records after the last checkpoint are processed again after a worker failure, a"
                        + " deployment, a lease moving between workers or a reshard (split or merge); the KCL finishes a"
                        + " parent shard before its children, which keeps per-key order across a reshard",
                "Checkpointing per batch widens the redelivery window and per record costs a lease-table write:"
                        + " checkpoint after each committed batch and let the inbox absorb the rest",
                "A hot partition key exceeds one shard's write limit (1 MB/s or 1000 records/s):"
                        + " `ProvisionedThroughputExceededException` is retried with backoff and the same `event_id`");

        t = Technology.EVENT_HUBS;
        put(t, Topic.KEY,
                "Event Hubs: the producer sets a business `event_id` in the event's application properties, stable across"
                        + " sender retries; offset and sequence number only identify one stored copy, and a resent event gets"
                        + " new ones",
                "Event Hubs partition key = the entity ID, so one entity's events land on one partition, in order");
        put(t, Topic.STORAGE,
                "Event Hubs has no broker-side deduplication: every consumer group keeps an inbox"
                        + " `processed_events(consumer_group, event_id)` written in the effect's transaction",
                "Event Hubs checkpoints: the `EventProcessorClient` stores one checkpoint per partition and consumer group"
                        + " (offset and sequence number) in Azure Blob Storage (`BlobCheckpointStore`), written only after"
                        + " the events' effects committed");
        put(t, Topic.CONCURRENCY,
                "Event Hubs: the processor's load balancing gives each partition one owner per consumer group (ownership"
                        + " records in the same Blob container); while ownership moves two processors can briefly read the"
                        + " same partition, so the inbox claim and an entity version check decide, not the ownership");
        // Retention per tier is Microsoft's documented limit, not re-verified against the Azure docs.
        put(t, Topic.TTL,
                "Event Hubs retention (1 day on Basic, up to 7 days on Standard, up to 90 days on Premium and Dedicated):"
                        + " inbox records are kept at least as long, so a processor reset to an older checkpoint or the"
                        + " earliest position still hits the inbox");
        put(t, Topic.RETRY,
                "Event Hubs has no DLQ and no delivery count: handlers retry in-process with backoff (3–5 attempts), then"
                        + " park the event in an application dead-letter store and checkpoint past it, so one poison event"
                        + " cannot block its partition",
                "Event Hubs producers use the SDK's exponential retry options with a bounded number of retries and resend"
                        + " the same event with the same `event_id`");
        put(t, Topic.PITFALLS,
                "Event Hubs redelivery: events after the last checkpoint are processed again after a processor restart, a"
                        + " crash or a partition ownership change (scale-out, scale-in, rebalance)",
                "Checkpointing every event throttles the Blob checkpoint store: checkpoint every N events or every few"
                        + " seconds, and let the inbox absorb the replay window");
    }

    private void pushAndMoney() {
        Technology t = Technology.WEBHOOKS;
        put(t, Topic.KEY,
                "Webhooks: inbound deliveries are deduplicated on the provider's event ID (`evt_…`, `webhook-id`,"
                        + " `X-GitHub-Delivery`); outbound deliveries reuse one stable event ID on every redelivery");
        put(t, Topic.STORAGE,
                "Webhook receiver: verify the signature with a 300 s timestamp tolerance, insert the event ID into an inbox"
                        + " with a unique key, return 2xx quickly, process asynchronously");
        put(t, Topic.CONCURRENCY,
                "Concurrent duplicate webhook deliveries to two pods race on the inbox unique key: exactly one insert wins");
        put(t, Topic.TTL,
                "Webhook inbox retention ≥ the provider's retry horizon: ≥ 3 days for Stripe live-mode redelivery");
        put(t, Topic.RETRY,
                "Outbound webhooks: signed deliveries, exponential backoff with jitter, a stable event ID, and auto-disable"
                        + " of endpoints that keep failing");
        put(t, Topic.PITFALLS,
                "Out-of-order events (a refund before the success): refetch current state from the provider API or compare"
                        + " the object version or `created` timestamp",
                "Replay attacks are blocked by the signature timestamp tolerance",
                "Slow handlers cause provider timeouts and retries: acknowledge first, process from the inbox");

        t = Technology.PAYMENTS;
        put(t, Topic.KEY,
                "PSP calls carry a **derived key** `\"<service>-<local key row id>\"` (Brandur's pattern) in `Idempotency-Key`"
                        + " (Stripe: ≤ 255 chars, pruned after ≥ 24 h); the local payment-attempt ID goes into `metadata` for"
                        + " reconciliation");
        put(t, Topic.STORAGE,
                "Recovery points for the payment flow: **STARTED → LOCAL_COMMITTED → PSP_CONFIRMED → FINISHED**, each step"
                        + " an atomic phase; intent is recorded before the PSP call",
                "A completer every 5 s reconciles up to 1000 keys that are unfinished, older than 300 s, with `last_run_at`"
                        + " older than 60 s and a free (or > 90 s old) lock",
                "**Decision: money paths fail closed**: no charge is attempted without a successful claim");
        put(t, Topic.CONCURRENCY,
                "PSP concurrent duplicate (`idempotency_key_in_use`, 409): back off and retry with the same key");
        put(t, Topic.TTL,
                "Local payment records kept 72 h (Brandur's reaper), longer than the PSP's 24 h pruning, so a late retry is"
                        + " answered locally instead of creating a new charge");
        put(t, Topic.RETRY,
                "PSP calls honour `Stripe-Should-Retry`; SDK `max_network_retries = 2`; network errors are retried with the"
                        + " same key and parameters until a definitive answer");
        put(t, Topic.PITFALLS,
                "A PSP 500 is indeterminate: the PSP reconciles (rolls forward or back) and fires webhooks; a retry with a"
                        + " new key would double-charge",
                "A timeout after the charge: look the charge up by the metadata ID, or retry with the same key",
                "`idempotency_error` (same key, different parameters) is a bug: alert, never retry blindly");
    }

    private void stores() {
        Technology t = Technology.REDIS;
        put(t, Topic.KEY,
                "Redis keys namespaced as `idem:{tenant}:{route}:{key}`, the hash tag keeping one tenant's keys in one"
                        + " cluster slot");
        put(t, Topic.STORAGE,
                "Redis is the fast first layer: claim with `SET idem:{…} <token> NX PX <lease>`; for money paths the durable"
                        + " uniqueness constraint in the effect's transaction stays the source of truth",
                "Redis `maxmemory-policy noeviction` (or a dedicated instance) so idempotency keys are never evicted; AOF"
                        + " `appendfsync everysec` can lose about 1 s of writes");
        put(t, Topic.CONCURRENCY,
                "Redis lock release is a Lua compare-and-delete (`if redis.call(\"get\",KEYS[1]) == ARGV[1] then return"
                        + " redis.call(\"del\",KEYS[1]) else return 0 end`), never a bare `DEL`",
                "Redis replication is asynchronous: a failover can grant the same lock twice, and Redlock (N = 5 masters)"
                        + " cannot issue fencing tokens, so the resource still checks one (Kleppmann)");
        put(t, Topic.TTL,
                "Redis `EX`/`PX` expiry follows the wall clock, not a monotonic clock: lease margins stay far above possible"
                        + " clock jumps");
        put(t, Topic.PITFALLS,
                "Redis: failover amnesia, eviction, clock jumps and partial multi-key writes in cluster mode; `WAIT` for"
                        + " replica acknowledgement where a lost claim is costly");

        t = Technology.DYNAMODB;
        put(t, Topic.KEY,
                "DynamoDB partition key `{tenant}#{key}` (or `function#hash` with Powertools), optional sort key; attributes"
                        + " `status`, `expiration`, `in_progress_expiration`, `data`, `validation`");
        put(t, Topic.STORAGE,
                "DynamoDB claim = conditional `PutItem`: `attribute_not_exists(#id) OR #expiry < :now OR"
                        + " (attribute_exists(#in_progress_expiry) AND #in_progress_expiry < :now_milliseconds AND #status ="
                        + " :inprogress)` with `ReturnValuesOnConditionCheckFailure=ALL_OLD`, which returns the existing"
                        + " record in the same round trip",
                "DynamoDB completion: the record update and the business items commit together in one `TransactWriteItems`"
                        + " (atomic across items; its `ClientRequestToken` is idempotent for 10 minutes, and changed"
                        + " parameters raise `IdempotentParameterMismatch`)",
                "DynamoDB lookups use strongly consistent reads; global tables replicate asynchronously with last-writer-wins,"
                        + " so each key has one home region");
        put(t, Topic.CONCURRENCY,
                "DynamoDB: the record itself is the lease (`in_progress_expiration`); longer critical sections use the"
                        + " DynamoDB Lock Client (lease 10 s, heartbeat 3 s, record version number, no absolute times)",
                "DynamoDB optimistic concurrency on business items: `ConditionExpression: version = :v` is the fencing check");
        put(t, Topic.TTL,
                "DynamoDB native TTL on `expiration` (epoch seconds) deletes lazily, typically within 48 hours, so every read"
                        + " filters `expiration > :now`");
        put(t, Topic.RETRY,
                "DynamoDB throttling (`ProvisionedThroughputExceeded`) is retried by the SDK in standard mode with jittered"
                        + " backoff");
        put(t, Topic.PITFALLS,
                "DynamoDB conditional-check failures under contention are expected duplicates (409), not errors",
                "A single hot key concentrates load on one partition: spread tenants across the partition key",
                "Expired items linger until TTL deletion runs; reads must not treat them as live");

        t = Technology.SQL;
        put(t, Topic.KEY,
                "Relational schema: `idempotency_keys(tenant_id, idempotency_key, request_fingerprint, status, locked_at,"
                        + " fencing_token, recovery_point, response_code, response_body, created_at, expires_at)` with a unique"
                        + " index on `(tenant_id, idempotency_key)`");
        put(t, Topic.STORAGE,
                "SQL claim: PostgreSQL `INSERT … ON CONFLICT DO NOTHING RETURNING`, MySQL `INSERT IGNORE` or `ON DUPLICATE KEY"
                        + " UPDATE`; no row returned means a duplicate",
                "The key row, the business rows and the outbox row commit in one transaction; atomic phases run at"
                        + " `SERIALIZABLE` (a serialization failure becomes 409, retried with the same key)",
                "Claims and lookups read the primary, never a lagging replica");
        put(t, Topic.CONCURRENCY,
                "SQL locks: `SELECT … FOR UPDATE SKIP LOCKED` for workers claiming rows (`NOWAIT` to fail fast; MySQL 8.0+),"
                        + " `pg_advisory_xact_lock` (transaction-scoped; session advisory locks break behind transaction-mode"
                        + " poolers)",
                "SQL fencing check: `UPDATE … SET …, version = version + 1 WHERE id = :id AND version = :v`");
        put(t, Topic.TTL,
                "A reaper deletes expired keys in batches of 1000 on an index over `expires_at`, comparing with the"
                        + " database clock (`now()`)");
        put(t, Topic.PITFALLS,
                "Async-replica failover loses the last commits: semi-synchronous or synchronous replication for the key table,"
                        + " and reconciliation with derived keys downstream",
                "Long transactions hold row locks: external calls never run inside them");

        t = Technology.CASSANDRA;
        put(t, Topic.KEY, "Cassandra: the tenant-scoped idempotency key is the partition key");
        put(t, Topic.STORAGE,
                "Cassandra claim: lightweight transaction `INSERT … IF NOT EXISTS` at `SERIAL`/`LOCAL_SERIAL` (Paxos, about"
                        + " 4× the latency of a plain write; `USING TIMESTAMP` is not allowed with it)",
                "Cassandra has no multi-partition ACID: the business effect lives in the key's partition or is a natural"
                        + " upsert");
        put(t, Topic.CONCURRENCY,
                "Cassandra fencing: `UPDATE … IF version = ?` (LWT compare-and-set); never mix LWT and plain writes on the"
                        + " same rows");
        put(t, Topic.TTL,
                "Cassandra per-row `USING TTL 86400`; short TTLs create tombstones, so TTLs stay long and compaction is"
                        + " tuned for them");
        put(t, Topic.PITFALLS,
                "A Cassandra LWT write timeout is an unknown outcome: re-read at `SERIAL` before retrying",
                "Plain Cassandra writes are last-write-wins by timestamp, so clock skew picks the winner");

        t = Technology.MONGODB;
        put(t, Topic.KEY, "MongoDB: the tenant-scoped key as `_id`, or a unique index on `{tenant: 1, key: 1}`");
        put(t, Topic.STORAGE,
                "MongoDB claim: `insertOne` against the unique index (E11000 duplicate key = already claimed) or"
                        + " `findOneAndUpdate` with `upsert`; key and business documents in one multi-document transaction"
                        + " with `w: majority` and `majority` reads");
        put(t, Topic.CONCURRENCY,
                "MongoDB fencing: `updateOne({_id, version: v}, {$set: …, $inc: {version: 1}})` as an optimistic version"
                        + " check");
        put(t, Topic.TTL,
                "MongoDB TTL index (`expireAfterSeconds`): the TTLMonitor runs every 60 s, so reads filter `expiresAt > now`");
        put(t, Topic.PITFALLS,
                "MongoDB `w:1` writes are rolled back on failover, and secondaries can miss a fresh claim: majority writes,"
                        + " primary reads");

        t = Technology.COSMOSDB;
        put(t, Topic.KEY,
                "Cosmos DB: the idempotency item's `id` = `{tenant}:{key}` with a partition key such as `/tenantId`; `id` is"
                        + " unique within a logical partition, so a second `CreateItem` of the same `id` gets **409 Conflict**");
        put(t, Topic.STORAGE,
                "Cosmos DB claim = `CreateItem` (409 Conflict = already claimed); every later change is a `ReplaceItem`"
                        + " conditioned with `if-match` on the `_etag` read at claim time (`IfMatchEtag` in the SDK), and a"
                        + " concurrent writer gets **412 Precondition Failed**",
                "Cosmos DB unique key policy (e.g. `/idempotencyKey`, unique per logical partition) as a second guard; it is"
                        + " fixed when the container is created",
                "Cosmos DB transactional batch: the idempotency item, the business items and an outbox item commit"
                        + " atomically when they share one logical partition key; the change feed relays the outbox"
                        + " (at-least-once)",
                "Cosmos DB consistency for idempotency lookups: strong or bounded staleness on the account (a request can"
                        + " only relax the account's level), or session consistency with the claim's session token passed"
                        + " to every reader; eventual and consistent-prefix reads can miss a fresh claim");
        put(t, Topic.CONCURRENCY,
                "Cosmos DB optimistic concurrency: a takeover or state change is a `ReplaceItem` with `if-match` on"
                        + " `_etag`; a 412 means another owner moved first, so the stale holder stops (the ETag is the"
                        + " fencing check)",
                "Cosmos DB multi-region writes resolve conflicts last-writer-wins on `_ts` by default: idempotency items use"
                        + " a single write region, or each key has one home region");
        put(t, Topic.TTL,
                "Cosmos DB TTL: the container's default TTL (`DefaultTimeToLive`, -1 = on without a default) plus a"
                        + " per-item `ttl` in seconds; expired items are deleted in the background with spare RUs, but reads"
                        + " and queries stop returning them as soon as they expire");
        // SDK throttling-retry defaults are Microsoft's documented values, not re-verified against the Azure docs.
        put(t, Topic.RETRY,
                "Cosmos DB 429 (request rate too large) carries `x-ms-retry-after-ms`; the SDK retries it (9 attempts"
                        + " within 30 s by default) before surfacing it");
        // Partition limits are Microsoft's documented values, not re-verified against the Azure docs.
        put(t, Topic.PITFALLS,
                "A Cosmos DB write that times out (408, 503) has an unknown outcome: read the item by its id and partition"
                        + " key before retrying; a retried `CreateItem` answered with 409 may be the first attempt's success",
                "Transactional batches stay within one logical partition (at most 100 operations, 2 MB), and a logical"
                        + " partition holds at most 20 GB on one physical partition (10,000 RU/s): spread keys across"
                        + " tenants");
    }

    private void platforms() {
        Technology t = Technology.LAMBDA;
        put(t, Topic.KEY,
                "Lambda: Powertools idempotency key `functionName#hash(JMESPath-selected event part)` with SHA-256 (the"
                        + " default is MD5), `ThrowOnNoIdempotencyKey=true`, and `PayloadValidationJMESPath` set so a"
                        + " different payload raises `IdempotencyValidationException`");
        put(t, Topic.STORAGE,
                "Lambda: Powertools `@Idempotent` with the DynamoDB persistence store; the decorated handler is one unit, so"
                        + " handlers with several side effects are split");
        put(t, Topic.CONCURRENCY,
                "Lambda: `in_progress_expiration` = now + remaining invocation time, so a timed-out invocation's record is"
                        + " taken over; `IdempotencyAlreadyInProgressException` is safe to retry");
        put(t, Topic.TTL,
                "Powertools `ExpirationInSeconds` defaults to 3600 (1 h): raised to the retry horizon (24 h for API callers)");
        put(t, Topic.PITFALLS,
                "Lambda handler throws: Powertools deletes the record so the retry runs; the local LRU cache (256 records)"
                        + " only helps at low concurrency");

        t = Technology.BATCH;
        put(t, Topic.KEY,
                "Batch: deterministic item keys `H(job_name ‖ business_date ‖ item_id)`, so a re-run reproduces the same"
                        + " keys; a new key only for a new business date");
        put(t, Topic.STORAGE,
                "Batch chunks: each chunk's effects, item keys and the job checkpoint commit in one transaction; a re-run"
                        + " resumes from the checkpoint and skips claimed items");
        put(t, Topic.CONCURRENCY,
                "Batch: one active run per (job, business date) through a job-level claim with a lease and fencing token; a"
                        + " second scheduler instance gets 409");
        put(t, Topic.TTL,
                "Batch records kept ≥ 72 h, so a run that fails on Friday and is fixed on Monday is still deduplicated");
        put(t, Topic.RETRY,
                "Batch item retries bounded (3 attempts with backoff), then the item is parked in an error table; the job"
                        + " never retries the whole batch blindly");
        put(t, Topic.PITFALLS,
                "Re-running a partially completed batch: claimed items are skipped, in-progress items past their lease are"
                        + " taken over",
                "Batch calls to a PSP more than 24 h after the first attempt hit pruned PSP keys: the local record answers"
                        + " first");

        t = Technology.MULTI_REGION;
        put(t, Topic.KEY, "Multi-region: each key carries its home region, and every claim for it goes to that region");
        put(t, Topic.STORAGE,
                "**Decision: one authoritative region per key**: no multi-master last-writer-wins for idempotency records"
                        + " (asynchronously replicated tables can let two regions claim the same key)",
                "Consensus-backed multi-region SQL (e.g. CockroachDB or Spanner) is the option when a key must be claimable"
                        + " in any region");
        put(t, Topic.CONCURRENCY,
                "Multi-region fencing tokens are issued by the key's home region; no other region extends a lease it does"
                        + " not own");
        put(t, Topic.TTL, "Multi-region TTLs stay far above cross-region replication lag plus clock skew");
        put(t, Topic.PITFALLS,
                "Regional failover: the surviving region reconciles the failed region's in-flight keys (derived keys"
                        + " downstream) before accepting new claims for them; money paths fail closed during split-brain");
    }
}
