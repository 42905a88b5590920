package io.lakegate.connector.audit;

import static org.assertj.core.api.Assertions.assertThat;

import io.lakegate.connector.testsupport.DynamoDbLocal;
import io.lakegate.connector.testsupport.InMemoryTelemetry;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.QueryResponse;

/** The audit trail draining into a real DynamoDB table (DynamoDB Local in server mode on a free port). */
class DynamoDbAuditTrailTest {

    static DynamoDbLocal local;
    static DynamoDbClient dynamo;

    @BeforeAll
    static void startDynamo() {
        local = DynamoDbLocal.start();
        dynamo = local.client();
    }

    @AfterAll
    static void stopDynamo() throws Exception {
        local.close();
    }

    private static AuditEvent event(String user, int i) {
        return AuditEvent.of(
                Instant.parse("2026-11-22T01:00:00Z").plusMillis(i),
                user,
                "claude",
                "demo",
                "list_tables",
                ArgumentsDigest.sha256(Map.of("catalog", "sales", "n", i)),
                "success",
                null,
                12,
                "4bf92f3577b34da6a3ce929d0e0e4736",
                "session-1");
    }

    @Test
    void everyBufferedEventIsInTheTableAfterShutdown() {
        DynamoDbAuditSink sink = new DynamoDbAuditSink(dynamo, "audit-flush", Duration.ofDays(30));
        sink.createTableIfMissing();
        AuditProperties props = new AuditProperties();
        props.setMaxBatch(40);
        try (InMemoryTelemetry otel = new InMemoryTelemetry()) {
            AuditTrail trail = new AuditTrail(sink, props, otel.telemetry);
            trail.start();
            int events = 250;
            for (int i = 0; i < events; i++) {
                assertThat(trail.record(event(i % 2 == 0 ? "oid-alice" : "oid-bob", i)))
                        .isTrue();
            }
            trail.stop(); // graceful: returns once the buffer is written

            assertThat(trail.written()).isEqualTo(events);
            assertThat(trail.dropped()).isZero();
            assertThat(trail.queued()).isZero();
            assertThat(count("audit-flush", "oid-alice") + count("audit-flush", "oid-bob"))
                    .isEqualTo(events);
            assertThat(otel.counter("lakegate.audit.written", null, null)).isEqualTo(events);
            System.out.printf(
                    "audit: %d events buffered, %d in DynamoDB after shutdown%n",
                    events, count("audit-flush", "oid-alice") + count("audit-flush", "oid-bob"));
        }
    }

    @Test
    void storedItemHasTheAuditFieldsButNoArguments() {
        DynamoDbAuditSink sink = new DynamoDbAuditSink(dynamo, "audit-fields", Duration.ZERO);
        sink.createTableIfMissing();
        try (InMemoryTelemetry otel = new InMemoryTelemetry()) {
            AuditTrail trail = new AuditTrail(sink, new AuditProperties(), otel.telemetry);
            trail.start();
            trail.record(event("oid-carol", 7));
            trail.stop();
        }
        QueryResponse items = dynamo.query(q -> q.tableName("audit-fields")
                .keyConditionExpression("#u = :u")
                .expressionAttributeNames(Map.of("#u", "user"))
                .expressionAttributeValues(Map.of(":u", AttributeValue.fromS("oid-carol"))));
        assertThat(items.items()).hasSize(1);
        Map<String, AttributeValue> item = items.items().get(0);
        assertThat(item.get("tool").s()).isEqualTo("list_tables");
        assertThat(item.get("clientId").s()).isEqualTo("claude");
        assertThat(item.get("workspace").s()).isEqualTo("demo");
        assertThat(item.get("outcome").s()).isEqualTo("success");
        assertThat(item.get("latencyMillis").n()).isEqualTo("12");
        assertThat(item.get("traceId").s()).isEqualTo("4bf92f3577b34da6a3ce929d0e0e4736");
        assertThat(item.get("argumentsSha256").s())
                .hasSize(64)
                .isEqualTo(ArgumentsDigest.sha256(Map.of("n", 7, "catalog", "sales")));
        assertThat(item.values()).noneMatch(v -> "sales".equals(v.s()));
        assertThat(item).doesNotContainKey("expiresAt");
    }

    private static int count(String table, String user) {
        int total = 0;
        Map<String, AttributeValue> start = null;
        do {
            Map<String, AttributeValue> from = start;
            QueryResponse page = dynamo.query(q -> q.tableName(table)
                    .keyConditionExpression("#u = :u")
                    .expressionAttributeNames(Map.of("#u", "user"))
                    .expressionAttributeValues(Map.of(":u", AttributeValue.fromS(user)))
                    .exclusiveStartKey(from));
            total += page.count();
            start = page.hasLastEvaluatedKey() && !page.lastEvaluatedKey().isEmpty() ? page.lastEvaluatedKey() : null;
        } while (start != null);
        return total;
    }

    static List<AuditEvent> events(int n) {
        return java.util.stream.IntStream.range(0, n)
                .mapToObj(i -> event("u", i))
                .toList();
    }
}
