package io.lakegate.connector.audit;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeDefinition;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.BatchWriteItemResponse;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.KeySchemaElement;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.PutRequest;
import software.amazon.awssdk.services.dynamodb.model.ResourceInUseException;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;
import software.amazon.awssdk.services.dynamodb.model.WriteRequest;

/**
 * Audit events in a DynamoDB table: partition key {@code user} (the caller's oid), sort key {@code eventKey}
 * ({@code <ISO timestamp>#<event id>}), so "what did this user do, in order" is one Query. Written with
 * BatchWriteItem (25 items per request); unprocessed items are retried with backoff. Blocking SDK client: runs on
 * the audit drain thread only.
 */
public class DynamoDbAuditSink implements AuditSink {

    static final String PK = "user";
    static final String SK = "eventKey";
    private static final int MAX_BATCH = 25;
    private static final int MAX_UNPROCESSED_RETRIES = 5;

    private final DynamoDbClient dynamo;
    private final String table;
    private final Duration retention;

    public DynamoDbAuditSink(DynamoDbClient dynamo, String table, Duration retention) {
        this.dynamo = dynamo;
        this.table = table;
        this.retention = retention;
    }

    /** Creates the table (on-demand billing) unless it exists; for dev and tests, production tables are provisioned. */
    public void createTableIfMissing() {
        try {
            dynamo.createTable(b -> b.tableName(table)
                    .billingMode(BillingMode.PAY_PER_REQUEST)
                    .attributeDefinitions(
                            AttributeDefinition.builder()
                                    .attributeName(PK)
                                    .attributeType(ScalarAttributeType.S)
                                    .build(),
                            AttributeDefinition.builder()
                                    .attributeName(SK)
                                    .attributeType(ScalarAttributeType.S)
                                    .build())
                    .keySchema(
                            KeySchemaElement.builder()
                                    .attributeName(PK)
                                    .keyType(KeyType.HASH)
                                    .build(),
                            KeySchemaElement.builder()
                                    .attributeName(SK)
                                    .keyType(KeyType.RANGE)
                                    .build()));
            dynamo.waiter().waitUntilTableExists(b -> b.tableName(table));
        } catch (ResourceInUseException exists) {
            // created by a previous start or another replica
        }
    }

    @Override
    public void write(List<AuditEvent> batch) throws InterruptedException {
        for (int i = 0; i < batch.size(); i += MAX_BATCH) {
            List<WriteRequest> writes = new ArrayList<>();
            for (AuditEvent e : batch.subList(i, Math.min(batch.size(), i + MAX_BATCH))) {
                writes.add(WriteRequest.builder()
                        .putRequest(PutRequest.builder().item(item(e)).build())
                        .build());
            }
            writeAll(writes);
        }
    }

    private void writeAll(List<WriteRequest> writes) throws InterruptedException {
        Map<String, List<WriteRequest>> pending = Map.of(table, writes);
        for (int attempt = 0; !pending.isEmpty(); attempt++) {
            if (attempt > MAX_UNPROCESSED_RETRIES) {
                throw new IllegalStateException(
                        "DynamoDB left " + pending.get(table).size() + " audit items unprocessed after "
                                + MAX_UNPROCESSED_RETRIES + " retries");
            }
            if (attempt > 0) {
                Thread.sleep(Math.min(2000, 50L << attempt));
            }
            Map<String, List<WriteRequest>> request = pending;
            BatchWriteItemResponse response = dynamo.batchWriteItem(b -> b.requestItems(request));
            pending = response.hasUnprocessedItems() ? response.unprocessedItems() : Map.of();
        }
    }

    Map<String, AttributeValue> item(AuditEvent e) {
        Map<String, AttributeValue> item = new HashMap<>();
        item.put(PK, s(e.user() == null ? "anonymous" : e.user()));
        item.put(SK, s(e.timestamp() + "#" + e.eventId()));
        item.put("eventId", s(e.eventId()));
        item.put("timestamp", s(e.timestamp().toString()));
        put(item, "clientId", e.clientId());
        put(item, "workspace", e.workspace());
        put(item, "tool", e.tool());
        put(item, "argumentsSha256", e.argumentsSha256());
        put(item, "outcome", e.outcome());
        put(item, "errorCode", e.errorCode());
        put(item, "traceId", e.traceId());
        put(item, "sessionId", e.sessionId());
        item.put("latencyMillis", AttributeValue.fromN(Long.toString(e.latencyMillis())));
        if (retention != null && !retention.isZero()) {
            item.put(
                    "expiresAt",
                    AttributeValue.fromN(
                            Long.toString(e.timestamp().plus(retention).getEpochSecond())));
        }
        return item;
    }

    private static void put(Map<String, AttributeValue> item, String name, String value) {
        if (value != null && !value.isEmpty()) {
            item.put(name, s(value));
        }
    }

    private static AttributeValue s(String v) {
        return AttributeValue.fromS(v);
    }

    @Override
    public String name() {
        return "dynamodb:" + table;
    }
}
