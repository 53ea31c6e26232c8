package dev.idem.adapter.builtin;

import java.util.ArrayList;
import java.util.List;

/**
 * The standard mitigation of each failure mode (the reference's scenario table), refined by the technologies
 * recognised in the context.
 */
final class Mitigations {

    List<String> of(FailureMode mode, Recognition r) {
        List<String> lines = new ArrayList<>();
        switch (mode) {
            case CLIENT_TIMEOUT_RETRY -> {
                lines.add("The caller cannot tell whether the timed-out attempt committed (unknown outcome): the retry"
                        + " reuses the same key, never a new key for the same intent");
                lines.add("The retry meets the atomic claim: **409 Conflict + Retry-After** while IN_PROGRESS, the stored"
                        + " response with `Idempotent-Replayed: true` once COMPLETED");
                lines.add("Timeouts ordered service < gateway < client, and the deadline propagated, so the service stops"
                        + " work nobody waits for");
                lines.add("Operations that can outlive the timeout return **202 Accepted** plus a status resource keyed by"
                        + " the idempotency key");
                if (r.has(Technology.API_GATEWAY)) {
                    lines.add("The gateway does not retry POST/PATCH (NGINX default since 1.9.13; Envoy retries only on"
                            + " idempotent routes), so exactly one layer, the client, retries");
                }
                if (r.has(Technology.GRPC)) {
                    lines.add("gRPC `DEADLINE_EXCEEDED` is retried only with the same `request_id`");
                }
                if (r.has(Technology.GRAPHQL)) {
                    lines.add("GraphQL clients resend the same per-mutation key and read `errors`, not the HTTP status");
                }
                if (r.has(Technology.PAYMENTS)) {
                    lines.add("A timeout after the PSP charge: retry with the same derived key or look the charge up by"
                            + " the metadata ID");
                }
            }
            case CONSUMER_REBALANCE -> {
                lines.add("Messages processed since the last commit are redelivered to the new owner: handlers are"
                        + " idempotent through an inbox keyed by event ID, written in the side effect's transaction");
                if (r.has(Technology.KAFKA)) {
                    lines.add("Kafka: commit processed offsets in `ConsumerRebalanceListener.onPartitionsRevoked`, or store"
                            + " offsets with the output and `seek` in `onPartitionsAssigned`");
                    lines.add("Kafka: keep processing under `max.poll.interval.ms` (default 300000 ms) by bounding"
                            + " `max.poll.records`, otherwise the member is evicted and triggers another rebalance");
                    lines.add("Kafka: a zombie's offset commit is rejected by the group generation (member epoch under"
                            + " KIP-848); Kafka→Kafka steps use EOS with `read_committed`");
                    lines.add("Kafka: the cooperative-sticky assignor limits how many partitions move per rebalance");
                } else {
                    lines.add("Offsets or acks are committed only after the effect's transaction commits, and the new"
                            + " owner's first delivery is checked against the inbox");
                }
                if (r.has(Technology.KINESIS)) {
                    lines.add("Kinesis: checkpoint a shard only after the batch's effects committed; after a lease moves"
                            + " or a reshard, records since the last checkpoint arrive again and the inbox absorbs them");
                }
                if (r.has(Technology.EVENT_HUBS)) {
                    lines.add("Event Hubs: checkpoint only after the effects committed; a partition's new owner restarts"
                            + " from the last checkpoint in Blob Storage, and the inbox absorbs the replayed events");
                }
            }
            case DUPLICATE_DELIVERY -> {
                lines.add("At-least-once delivery is assumed everywhere: inbox `processed_messages(consumer, message_id)`"
                        + " primary key inserted in the same transaction as the effect; a unique violation means ack and"
                        + " skip");
                lines.add("Where no stable message ID exists, the effect is a natural-key upsert guarded by an entity"
                        + " version");
                brokerIds(lines, r);
            }
            case VISIBILITY_TIMEOUT -> {
                lines.add("The lease on the message expires while work continues, so a second consumer gets it: the"
                        + " inbox claim makes the second run a no-op, and the first extends its lease by heartbeat");
                lines.add("The message lease is sized to p99.9 processing time × 2 and renewed while processing");
                if (r.hasAny(Technology.SQS_FIFO, Technology.SQS_STANDARD)) {
                    lines.add("SQS: visibility timeout ≥ 6× the handler timeout, extended with"
                            + " `ChangeMessageVisibility` heartbeats");
                }
                if (r.has(Technology.PUBSUB)) {
                    lines.add("Pub/Sub: `modifyAckDeadline` while working (ack deadline 10–600 s)");
                }
                if (r.has(Technology.SERVICE_BUS)) {
                    lines.add("Service Bus: renew the PeekLock (1 min default, 5 min max) while processing");
                }
                if (r.has(Technology.RABBITMQ)) {
                    lines.add("RabbitMQ: handlers stay well under `consumer_timeout` (30 min default)");
                }
                if (r.has(Technology.NATS)) {
                    lines.add("NATS: `AckProgress` before `AckWait` (30 s default) elapses");
                }
            }
            case CRASH_BEFORE_ACK -> {
                lines.add("Local effects: the inbox or idempotency record is written in the same transaction as the"
                        + " effect, so a redelivery after the crash finds it and only acks");
                lines.add("Foreign effects: record intent as a recovery point first, call the provider with a derived"
                        + " key, and on recovery look up or retry with that same key");
                lines.add("Events are published through the transactional outbox, never as a dual write after commit");
                lines.add("A crashed holder's IN_PROGRESS record is taken over after its lease expires, with a new"
                        + " fencing token");
            }
            case LOCK_EXPIRY -> {
                lines.add("**Fencing tokens**: every lease grant carries a monotonically increasing token, and the"
                        + " resource rejects any write with a lower token than it has seen (33 after 34 is refused)");
                lines.add("Where the resource is the database, the fencing check is `UPDATE … WHERE version = :v`");
                lines.add("Lease ≥ p99.9 processing time, extended by heartbeat; the holder aborts before commit if"
                        + " its lease was lost");
            }
            case NETWORK_PARTITION -> {
                lines.add("One authoritative idempotency store with quorum or primary writes; no multi-master"
                        + " last-writer-wins for keys");
                lines.add("**Money paths fail closed** on the minority side: 503 + Retry-After instead of processing"
                        + " without deduplication");
                lines.add("Fencing tokens at the resource stop a partitioned former holder from committing");
                lines.add("After healing, reconcile with downstream systems using derived keys");
            }
            case STORE_FAILOVER -> {
                lines.add("Asynchronous replication can lose the newest claims: claims and lookups go to the primary or"
                        + " use strongly consistent reads");
                lines.add("Synchronous or semi-synchronous replication for the key table; Redis `WAIT` or AOF `always`"
                        + " where it matters, and never Redis alone for money");
                lines.add("After a failover, in-flight keys are reconciled downstream using derived keys");
                if (r.has(Technology.COSMOSDB)) {
                    lines.add("Cosmos DB: strong or bounded-staleness consistency for the idempotency account, or the"
                            + " writer's session token on every read, so a fresh claim is never missed");
                }
            }
            case STORE_OUTAGE -> {
                lines.add("**Fail closed** for non-idempotent and money-moving operations: 503 + Retry-After, nothing"
                        + " runs without the dedup claim");
                lines.add("Fail open only for naturally idempotent reads or upserts; a local cache is a read accelerator,"
                        + " never the source of truth");
            }
            case CLOCK_SKEW -> {
                lines.add("Lease and TTL arithmetic uses the store's clock (`now()` in SQL, service-side TTL evaluation),"
                        + " or relative leases, never a comparison of two nodes' wall clocks");
                lines.add("Monotonic clocks for local timeouts; NTP plus a safety margin, with TTL far above any skew");
                lines.add("Client-supplied timestamps never decide ordering; entity versions do");
            }
            case POISON_MESSAGE -> {
                lines.add("Errors are classified: non-retryable ones go straight to the DLQ, retryable ones get a"
                        + " bounded number of attempts with backoff");
                lines.add("Alert on DLQ depth; replay tooling keeps the original message ID so deduplication still"
                        + " applies");
                if (r.hasAny(Technology.SQS_FIFO, Technology.SQS_STANDARD)) {
                    lines.add("SQS: `maxReceiveCount` 5, then the DLQ");
                }
                if (r.has(Technology.SERVICE_BUS)) {
                    lines.add("Service Bus: `MaxDeliveryCount` 10, then the DLQ");
                }
                if (r.has(Technology.RABBITMQ)) {
                    lines.add("RabbitMQ: quorum `delivery-limit` (20 by default) with a DLX");
                }
                if (r.has(Technology.PUBSUB)) {
                    lines.add("Pub/Sub: a dead-letter topic with a max-delivery-attempts count");
                }
                if (r.has(Technology.KAFKA)) {
                    lines.add("Kafka: retry topics, then a DLT, so a poison record never blocks its partition");
                }
                if (r.has(Technology.KINESIS)) {
                    lines.add("Kinesis: `BisectBatchOnFunctionError` and an on-failure destination (Lambda), or an"
                            + " application dead-letter store (KCL), so a poison record never blocks its shard");
                }
                if (r.has(Technology.EVENT_HUBS)) {
                    lines.add("Event Hubs: no DLQ, so the handler parks the event in its own dead-letter store and"
                            + " checkpoints past it");
                }
            }
            case PAYLOAD_MISMATCH -> {
                lines.add("Same key with a different fingerprint is rejected with **422 Unprocessable Content** and not"
                        + " executed; returning the cached response would silently answer the wrong request");
                lines.add("Canonicalize before hashing (key order, whitespace, defaults) and exclude volatile fields such"
                        + " as trace IDs, so honest retries always match");
                lines.add("Log and alert on every mismatch: it is a client bug or an attack");
            }
            case RETRY_STORM -> {
                lines.add("Capped exponential backoff with full jitter, retries at one layer only, and a retry budget"
                        + " (token bucket, < 10 % of requests) so retries cannot multiply load (3 layers × 4 attempts ="
                        + " 64×)");
                lines.add("A circuit breaker opens on sustained failure; servers shed load with 503 + Retry-After and"
                        + " clients honour the pushback");
            }
            case DUPLICATE_WEBHOOK -> {
                lines.add("Deduplicate on the provider's event ID in an inbox with a unique key; return 2xx quickly and"
                        + " process asynchronously");
                lines.add("Inbox retention covers the provider's retry horizon (≥ 3 days for Stripe); concurrent"
                        + " duplicates to two pods race on the unique key and exactly one wins");
            }
            case DOUBLE_SUBMIT -> {
                lines.add("The client creates the key when the form or cart is created, not on click, so every"
                        + " resubmission carries the same key");
                lines.add("A resubmission while the first is in flight gets 409; after completion, the stored result");
            }
            case OUT_OF_ORDER -> {
                lines.add("Per-entity ordering lane (partition key, message group, session or ordering key) plus an"
                        + " entity version check: stale events are acknowledged and ignored");
                lines.add("When order matters and cannot be guaranteed, refetch the current state from the source of"
                        + " truth");
            }
            case PARTIAL_FAILURE -> {
                lines.add("Each unit of work has its own derived key, so a re-run skips completed units and takes over"
                        + " units whose lease expired");
                lines.add("Multi-step flows record recovery points, so a re-run resumes from the last committed step");
            }
            case DOWNSTREAM_TIMEOUT -> {
                lines.add("The local recovery point is committed before the external call; the external call carries a"
                        + " derived key");
                lines.add("On an unknown outcome, query the third party by the derived key or metadata ID, or retry with"
                        + " the same key; a completer reconciles anything still unresolved");
            }
            case UNKNOWN_OUTCOME -> {
                lines.add("A timeout or lost response after the server committed is an unknown outcome: the client"
                        + " retries with the same key and receives the stored result; generating a new key for the same"
                        + " intent is forbidden");
                lines.add("Indeterminate 500s are reconciled server-side (roll forward or back) before the key is"
                        + " released");
            }
            default -> throw new IllegalStateException("no mitigation for " + mode);
        }
        return lines;
    }

    private static void brokerIds(List<String> lines, Recognition r) {
        if (r.has(Technology.KAFKA)) {
            lines.add("Kafka: dedupe on the producer's `event_id` header; `(topic, partition, offset)` only for exact"
                    + " redelivery");
        }
        if (r.has(Technology.SQS_FIFO)) {
            lines.add("SQS FIFO: `MessageDeduplicationId` drops repeats only within 5 minutes; the inbox covers the"
                    + " rest");
        }
        if (r.has(Technology.SQS_STANDARD)) {
            lines.add("SQS standard: no broker deduplication; dedupe on the business `event_id` attribute");
        }
        if (r.has(Technology.RABBITMQ)) {
            lines.add("RabbitMQ: dedupe on `message_id`; the `redelivered` flag is only a hint");
        }
        if (r.has(Technology.PUBSUB)) {
            lines.add("Pub/Sub: dedupe on the publisher's `event_id` attribute, since publisher retries get new"
                    + " message IDs");
        }
        if (r.has(Technology.SERVICE_BUS)) {
            lines.add("Service Bus: duplicate detection on `MessageId` inside its window, the inbox beyond it");
        }
        if (r.has(Technology.EVENTBRIDGE)) {
            lines.add("EventBridge: dedupe on the business key in `detail`; the event `id` catches redelivery");
        }
        if (r.has(Technology.NATS)) {
            lines.add("NATS: `Nats-Msg-Id` inside the stream's duplicate window, the inbox beyond it");
        }
        if (r.has(Technology.KINESIS)) {
            lines.add("Kinesis: dedupe on the business `event_id`; (shard ID, sequence number) only catches redelivery"
                    + " of one stored record, never a producer retry");
        }
        if (r.has(Technology.EVENT_HUBS)) {
            lines.add("Event Hubs: no broker deduplication; dedupe on the business `event_id` property in the inbox");
        }
    }
}
