package dev.idem.adapter.builtin;

import java.util.regex.Pattern;

/**
 * The technologies the architect knows facts about, each with the words that reveal it in a context. Patterns
 * are whole-word and case-insensitive; declaration order is the order in which their measures are emitted, so
 * the design does not depend on how the user ordered the words.
 */
enum Technology {
    HTTP_API("REST/HTTP API", "rest(ful)?|https?|rest api|web api|json api|openapi|endpoints?"),
    API_GATEWAY("API gateway", "api[- ]gateways?|(?<!payment )gateways?|load[- ]balancers?|alb|elb|nginx|envoy|kong"
            + "|apigee|ingress( controller)?"),
    GRPC("gRPC", "grpc"),
    GRAPHQL("GraphQL", "graphql|apollo( federation| server)?"),
    KAFKA("Apache Kafka", "kafka|msk|confluent|redpanda"),
    RABBITMQ("RabbitMQ", "rabbit ?mq|rabbit|amqp"),
    /** Recognised only together with the word FIFO; see {@link Recognition}. */
    SQS_FIFO("Amazon SQS/SNS FIFO", "sqs|sns|simple queue service"),
    /** Recognised only without the word FIFO; see {@link Recognition}. */
    SQS_STANDARD("Amazon SQS/SNS standard", "sqs|sns|simple queue service"),
    PUBSUB("Google Cloud Pub/Sub", "pub ?/ ?sub|pubsub"),
    SERVICE_BUS("Azure Service Bus", "service ?bus"),
    EVENTBRIDGE("Amazon EventBridge", "event ?bridge|cloudwatch events"),
    NATS("NATS JetStream", "nats|jetstream"),
    /** Data Streams only: Firehose is a delivery service without consumer checkpoints. */
    KINESIS("Amazon Kinesis Data Streams", "kinesis(?! (data )?firehose)( data streams?)?|kcl|kinesis client library"),
    EVENT_HUBS("Azure Event Hubs", "event ?hubs?|eventprocessorclient|event processor (client|host)"),
    WEBHOOKS("Webhooks", "web ?hooks?"),
    PAYMENTS("Payments / PSP", "stripe|adyen|paypal|braintree|psp|payments?|payment (provider|gateway|processor)s?"
            + "|charges?|refunds?|billing|checkout|ledger|wallets?"),
    REDIS("Redis", "redis|valkey|elasticache|redlock"),
    DYNAMODB("Amazon DynamoDB", "dynamo ?db|dynamo"),
    /** "SQL API" is Cosmos DB's document API, not a relational store. */
    SQL("Relational database (PostgreSQL/MySQL)", "postgres(ql)?|pg|mysql|mariadb|aurora|cockroach ?db|cockroach"
            + "|sql server|rdbms|relational (db|database)s?|sql(?! api)"),
    CASSANDRA("Apache Cassandra", "cassandra|scylla ?db|scylla|keyspaces"),
    MONGODB("MongoDB", "mongo ?db|mongo|documentdb"),
    COSMOSDB("Azure Cosmos DB", "cosmos ?db|cosmos"),
    LAMBDA("AWS Lambda", "(aws )?lambdas?|serverless functions?|serverless"),
    BATCH("Batch jobs", "batch (jobs?|processing|imports?|exports?|runs?|pipelines?|windows?)|cron( jobs?)?"
            + "|nightly (jobs?|runs?|batch(es)?)|scheduled jobs?|etl|spring batch|airflow"),
    MULTI_REGION("Multi-region deployment", "multi[- ]region|cross[- ]region|active[- ]active|global tables?"
            + "|geo[- ]replicat\\w*|(two|multiple|several) regions|multi[- ](datacenter|data center|dc)");

    private final String displayName;
    private final Pattern pattern;

    Technology(String displayName, String words) {
        this.displayName = displayName;
        this.pattern = Recognition.wholeWords(words);
    }

    String displayName() {
        return displayName;
    }

    boolean mentionedIn(String text) {
        return pattern.matcher(text).find();
    }

    boolean isStore() {
        return this == REDIS || this == DYNAMODB || this == SQL || this == CASSANDRA || this == MONGODB
                || this == COSMOSDB;
    }
}
