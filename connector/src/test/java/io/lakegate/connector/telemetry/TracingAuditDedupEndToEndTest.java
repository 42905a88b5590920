package io.lakegate.connector.telemetry;

import static io.lakegate.connector.testsupport.ConnectorHarness.ALICE;
import static io.lakegate.connector.testsupport.ConnectorHarness.BOB;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.lakegate.connector.audit.ArgumentsDigest;
import io.lakegate.connector.audit.AuditEvent;
import io.lakegate.connector.dedup.ReadDeduplicator;
import io.lakegate.connector.testsupport.ConnectorHarness;
import io.lakegate.emulator.DatabricksEmulator;
import io.lakegate.emulator.EmulatorConfig;
import io.lakegate.emulator.http.RecordedRequest;
import io.modelcontextprotocol.spec.McpSchema.CallToolResult;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.sdk.trace.data.SpanData;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The whole connector against the emulator: the span tree of a tool call (MCP server span, tool span, Databricks
 * client spans) with the trace continued into Databricks and the managed MCP endpoint (the emulator records the
 * {@code traceparent}), one audit event per tool call, and dedup of a polling agent.
 */
class TracingAuditDedupEndToEndTest {

    static DatabricksEmulator emulator;
    static ConnectorHarness connector;

    @BeforeAll
    static void start() {
        emulator = DatabricksEmulator.start(EmulatorConfig.defaults());
        connector = ConnectorHarness.start(emulator, Map.of("lakegate.dedup.ttl", "2s"));
    }

    @AfterAll
    static void stop() {
        connector.close();
        emulator.close();
    }

    @BeforeEach
    void reset() {
        emulator.faults().clear();
        emulator.clearRequests();
        connector.otel.spans.reset();
        // each test counts its own Databricks calls: a result shared from the previous test would hide them
        connector.bean(ReadDeduplicator.class).invalidateAll();
    }

    private static List<SpanData> spans() {
        return connector.otel.spans.getFinishedSpanItems();
    }

    private static SpanData only(String name) {
        List<SpanData> found =
                spans().stream().filter(s -> s.getName().equals(name)).toList();
        assertThat(found)
                .as("spans named " + name + " in "
                        + spans().stream().map(SpanData::getName).toList())
                .hasSize(1);
        return found.get(0);
    }

    @Test
    void toolCallIsOneContinuousTraceFromMcpRequestToDatabricks() {
        CallToolResult result = connector.call(ALICE, "list_catalogs", Map.of());
        assertThat(result.isError()).isFalse();
        await().atMost(Duration.ofSeconds(5))
                .until(() -> spans().stream().anyMatch(s -> s.getName().equals("tools/call list_catalogs")));

        SpanData server = only("tools/call list_catalogs");
        SpanData tool = only("execute_tool list_catalogs");
        List<SpanData> http = spans().stream()
                .filter(s -> s.getKind() == SpanKind.CLIENT && s.getTraceId().equals(server.getTraceId()))
                .toList();

        assertThat(server.getKind()).isEqualTo(SpanKind.SERVER);
        assertThat(server.getAttributes().get(AttributeKey.stringKey("mcp.method.name")))
                .isEqualTo("tools/call");
        assertThat(server.getAttributes().get(AttributeKey.stringKey("gen_ai.tool.name")))
                .isEqualTo("list_catalogs");
        assertThat(server.getAttributes().get(AttributeKey.stringKey("mcp.session.id")))
                .isNotBlank();
        assertThat(server.getAttributes().get(AttributeKey.stringKey("jsonrpc.request.id")))
                .isNotBlank();
        assertThat(server.getAttributes().get(AttributeKey.longKey("http.response.status_code")))
                .isEqualTo(200L);

        assertThat(tool.getParentSpanId()).isEqualTo(server.getSpanId());
        assertThat(tool.getAttributes().get(AttributeKey.stringKey("gen_ai.operation.name")))
                .isEqualTo("execute_tool");
        assertThat(tool.getAttributes().get(AttributeKey.stringKey("lakegate.outcome")))
                .isEqualTo("success");

        assertThat(http).isNotEmpty().allMatch(s -> s.getParentSpanId().equals(tool.getSpanId()));
        // the emulator saw our traceparent: same trace, parent = the CLIENT span of that very HTTP call
        List<RecordedRequest> seen = emulator.requests().stream()
                .filter(r -> r.path().startsWith("/api/2.1/unity-catalog/catalogs"))
                .toList();
        assertThat(seen).isNotEmpty().allSatisfy(r -> {
            assertThat(r.traceparent()).startsWith("00-" + server.getTraceId() + "-");
            String parent = r.traceparent().split("-")[2];
            assertThat(http).anyMatch(s -> s.getSpanId().equals(parent));
        });
    }

    @Test
    void traceContinuesIntoTheManagedSqlMcpEndpoint() {
        CallToolResult result = connector.call(
                ALICE,
                "proxy_to_sql",
                Map.of("tool_name", "execute_sql_read_only", "tool_args", Map.of("query", "SELECT 1 AS one")));
        assertThat(ConnectorHarness.text(result)).doesNotContain("INTERNAL");
        await().atMost(Duration.ofSeconds(5))
                .until(() -> spans().stream().anyMatch(s -> s.getName().equals("tools/call proxy_to_sql")));

        SpanData server = only("tools/call proxy_to_sql");
        List<RecordedRequest> mcpCalls = emulator.requests().stream()
                .filter(r -> r.path().equals("/api/2.0/mcp/sql") && "POST".equals(r.method()))
                .toList();
        assertThat(mcpCalls).isNotEmpty();
        assertThat(mcpCalls).anySatisfy(r -> assertThat(r.traceparent()).startsWith("00-" + server.getTraceId() + "-"));
    }

    @Test
    void clientTraceparentIsContinued() {
        String session = connector.initializeSession(connector.token(BOB));
        String clientTrace = "0af7651916cd43dd8448eb211c80319c";
        connector.post(
                connector.token(BOB),
                Map.of(
                        "Mcp-Session-Id",
                        session,
                        "MCP-Protocol-Version",
                        "2025-11-25",
                        "traceparent",
                        "00-" + clientTrace + "-b7ad6b7169203331-01"),
                "{\"jsonrpc\":\"2.0\",\"id\":7,\"method\":\"tools/list\"}".getBytes());
        await().atMost(Duration.ofSeconds(5))
                .until(() -> spans().stream().anyMatch(s -> s.getName().equals("tools/list")));
        SpanData list = spans().stream()
                .filter(s -> s.getName().equals("tools/list"))
                .findFirst()
                .orElseThrow();
        assertThat(list.getTraceId()).isEqualTo(clientTrace);
        assertThat(list.getParentSpanId()).isEqualTo("b7ad6b7169203331");
    }

    @Test
    void everyToolCallGivesExactlyOneAuditEventWithDigestNotArguments() {
        int before = connector.audit.events.size();
        connector.call(BOB, "list_schemas", Map.of("catalog_name", "sales")); // success
        connector.call(BOB, "list_schemas", Map.of("catalog_name", "no_such_catalog_xyz")); // tool error
        connector.call(BOB, "list_schemas", Map.of("catalog_name", 42)); // invalid argument
        emulator.faults().throttle("GET /api/2.1/unity-catalog/tables", 1, Duration.ofSeconds(60));
        connector.call(BOB, "list_tables", Map.of("catalog_name", "sales", "schema_name", "orders")); // throttled

        await().atMost(Duration.ofSeconds(5)).until(() -> connector.audit.events.size() >= before + 4);
        List<AuditEvent> events = connector.audit.events.subList(before, connector.audit.events.size());
        assertThat(events).hasSize(4);
        assertThat(events)
                .extracting(AuditEvent::outcome)
                .containsExactly("success", "tool_error", "tool_error", "rate_limited");
        assertThat(events)
                .extracting(AuditEvent::errorCode)
                .containsExactly(null, "NOT_FOUND", "INVALID_ARGUMENT", "RATE_LIMITED");
        assertThat(events).allSatisfy(e -> {
            assertThat(e.user()).isEqualTo(BOB);
            assertThat(e.clientId()).isEqualTo("dev-emulator-token");
            assertThat(e.traceId()).hasSize(32);
            assertThat(e.sessionId()).isNotBlank();
            assertThat(e.latencyMillis()).isNotNegative();
        });
        assertThat(events.get(0).workspace()).isEqualTo("demo");
        assertThat(events.get(0).argumentsSha256()).isEqualTo(ArgumentsDigest.sha256(Map.of("catalog_name", "sales")));
        assertThat(events.toString()).doesNotContain("no_such_catalog_xyz");
        // the audit trace id is the trace of the MCP request
        assertThat(spans()).anyMatch(s -> s.getTraceId().equals(events.get(0).traceId()));
    }

    @Test
    void pollingAgentLoopIsDeduplicated() {
        int polls = 40;
        for (int i = 0; i < polls; i++) {
            assertThat(connector.call(ALICE, "list_catalogs", Map.of()).isError())
                    .isFalse();
        }
        long upstream = emulator.requests().stream()
                .filter(r -> r.path().equals("/api/2.1/unity-catalog/catalogs"))
                .count();
        // bob's identical call is his own (results depend on grants): one more upstream call
        connector.call(BOB, "list_catalogs", Map.of());
        long afterBob = emulator.requests().stream()
                .filter(r -> r.path().equals("/api/2.1/unity-catalog/catalogs"))
                .count();

        assertThat(upstream).isLessThan(polls / 4).isPositive();
        assertThat(afterBob).isEqualTo(upstream + 1);
        System.out.printf(
                "dedup e2e: %d list_catalogs polls by one user through MCP -> %d Databricks calls (ttl 2 s)%n",
                polls, upstream);
    }

    @Test
    void metricsCoverRequestsToolsAndDedup() {
        connector.call(ALICE, "list_catalogs", Map.of());
        connector.call(ALICE, "list_catalogs", Map.of());
        assertThat(connector.otel.counter("lakegate.mcp.requests", "mcp.method.name", "tools/call"))
                .isPositive();
        assertThat(connector.otel.counter("lakegate.tool.calls", "gen_ai.tool.name", "list_catalogs"))
                .isPositive();
        assertThat(connector.otel.counter("lakegate.dedup.lookups", "lakegate.dedup.result", "hit"))
                .isPositive();
        assertThat(connector.otel.counter("lakegate.downstream.requests", null, null))
                .isPositive();
        assertThat(connector.otel.collect())
                .extracting(m -> m.getName())
                .contains(
                        "mcp.server.operation.duration",
                        "lakegate.tool.duration",
                        "http.client.request.duration",
                        "lakegate.breaker.state",
                        "lakegate.audit.queue.size");
    }
}
