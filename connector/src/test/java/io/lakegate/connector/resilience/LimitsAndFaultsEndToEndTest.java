package io.lakegate.connector.resilience;

import static io.lakegate.connector.testsupport.ConnectorHarness.ALICE;
import static io.lakegate.connector.testsupport.ConnectorHarness.BOB;
import static io.lakegate.connector.testsupport.ConnectorHarness.CAROL;
import static io.lakegate.connector.testsupport.ConnectorHarness.text;
import static org.assertj.core.api.Assertions.assertThat;

import io.lakegate.connector.testsupport.ConnectorHarness;
import io.lakegate.emulator.DatabricksEmulator;
import io.lakegate.emulator.EmulatorConfig;
import io.modelcontextprotocol.spec.McpSchema.CallToolResult;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Rate limits, bulkhead, timeout and circuit breaker of the running connector, driven by the emulator's fault knobs.
 * Small windows and limits keep it fast; the breaker test runs last because it opens the breaker of the workspace.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class LimitsAndFaultsEndToEndTest {

    static final JsonMapper JSON = JsonMapper.builder().build();
    static DatabricksEmulator emulator;
    static ConnectorHarness connector;

    @BeforeAll
    static void start() {
        emulator = DatabricksEmulator.start(EmulatorConfig.defaults());
        connector = ConnectorHarness.start(
                emulator,
                Map.ofEntries(
                        Map.entry("lakegate.ratelimit.replicas", 2),
                        Map.entry("lakegate.ratelimit.window", "5s"),
                        Map.entry("lakegate.ratelimit.sustained-windows", 1),
                        Map.entry("lakegate.ratelimit.user.fleet-limit", 40), // 20 per replica per window
                        Map.entry("lakegate.ratelimit.user.burst-percent", 0),
                        Map.entry("lakegate.ratelimit.tools.get_table.fleet-limit", 6), // 3 per replica per window
                        Map.entry("lakegate.downstream.timeout", "2s"),
                        Map.entry("lakegate.downstream.retry.initial-backoff", "20ms"),
                        Map.entry("lakegate.downstream.retry.max-backoff", "100ms"),
                        Map.entry("lakegate.downstream.bulkhead.max-concurrent-per-user", 2),
                        Map.entry("lakegate.downstream.breaker.minimum-calls", 4),
                        Map.entry("lakegate.downstream.breaker.sliding-window-size", 4),
                        Map.entry("lakegate.downstream.breaker.wait-in-open", "20s"),
                        Map.entry("lakegate.dedup.enabled", false)));
    }

    @AfterAll
    static void stop() {
        connector.close();
        emulator.close();
    }

    @AfterEach
    void clearFaults() {
        emulator.faults().clear();
    }

    @Test
    @Order(1)
    void userOverHttpLimitGets429WithRetryAfterAndJsonRpcError() {
        String token = connector.token(CAROL);
        String session = connector.initializeSession(token); // 2 requests of the 20
        int allowed = 0;
        HttpResponse<String> refused = null;
        for (int i = 0; i < 30 && refused == null; i++) {
            HttpResponse<String> r = connector.post(
                    token,
                    Map.of("Mcp-Session-Id", session, "MCP-Protocol-Version", "2025-11-25"),
                    ("{\"jsonrpc\":\"2.0\",\"id\":" + (100 + i) + ",\"method\":\"tools/list\"}").getBytes());
            if (r.statusCode() == 429) {
                refused = r;
            } else {
                assertThat(r.statusCode()).isEqualTo(200);
                allowed++;
            }
        }
        assertThat(allowed).isEqualTo(18); // fleet 40 / 2 replicas = 20 per window, minus initialize + initialized
        assertThat(refused).isNotNull();
        long retryAfter =
                Long.parseLong(refused.headers().firstValue("Retry-After").orElseThrow());
        assertThat(retryAfter).isBetween(1L, 5L);
        JsonNode body = JSON.readTree(refused.body());
        assertThat(body.path("jsonrpc").asString()).isEqualTo("2.0");
        assertThat(body.path("id").asInt()).isEqualTo(118);
        assertThat(body.path("error").path("code").asInt()).isEqualTo(-32029);
        assertThat(body.path("error").path("message").asString())
                .startsWith("Rate limit for user '" + CAROL
                        + "' exceeded (20 calls per 5000 ms on this replica); retry after");
        assertThat(body.path("error").path("data").path("retryAfterSeconds").asLong())
                .isEqualTo(retryAfter);
        assertThat(connector.otel.counter("lakegate.ratelimit.rejections", "lakegate.ratelimit.scope", "USER"))
                .isPositive();
        System.out.printf(
                "rate limit e2e: user limit 40/5 s fleet-wide, 2 replicas -> %d of 20 requests allowed after"
                        + " initialize, then HTTP 429 Retry-After: %d%n",
                allowed, retryAfter);
    }

    @Test
    @Order(2)
    void toolLimitGivesToolErrorWithRetryTime() {
        List<String> results = new ArrayList<>();
        for (String table : List.of(
                "sales.orders.orders",
                "sales.orders.items",
                "sales.orders.returns",
                "sales.orders.refunds",
                "sales.orders.archive")) {
            CallToolResult r = connector.call(BOB, "get_table", Map.of("full_name", table));
            results.add(text(r));
        }
        assertThat(results.subList(0, 3)).noneMatch(t -> t.startsWith("RATE_LIMITED"));
        assertThat(results.get(3))
                .matches(
                        "RATE_LIMITED: Rate limit for tool 'get_table' exceeded \\(3 calls per 5000 ms on this replica\\); retry after [1-5] s");
        CallToolResult refused = connector.call(BOB, "get_table", Map.of("full_name", "sales.orders.other"));
        assertThat(refused.isError()).isTrue();
        @SuppressWarnings("unchecked")
        Map<String, Object> error =
                (Map<String, Object>) ((Map<String, Object>) refused.structuredContent()).get("error");
        assertThat(error).containsEntry("code", "RATE_LIMITED").containsKey("retry_after_seconds");
        // the 4th and 5th call of the loop and the extra one, all inside one 5 s window
        assertThat(connector.otel.counter("lakegate.ratelimit.rejections", "lakegate.ratelimit.scope", "TOOL"))
                .isEqualTo(3);
    }

    @Test
    @Order(3)
    void userOverConcurrencyIsRefusedAtOnceNotQueued() throws Exception {
        // slow enough to overlap, below the 2 s timeout: timeouts would count against the breaker the next tests need
        // closed
        emulator.faults().latency("GET /api/2.1/unity-catalog/schemas", Duration.ofMillis(1500));
        connector.client(ALICE); // initialize before the race
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<CompletableFuture<String>> calls = new ArrayList<>();
            for (String catalog : List.of("sales", "marketing", "finance", "hr")) {
                calls.add(CompletableFuture.supplyAsync(
                        () -> text(connector.call(ALICE, "list_schemas", Map.of("catalog_name", catalog))), pool));
            }
            List<String> texts = new ArrayList<>();
            for (CompletableFuture<String> c : calls) {
                texts.add(c.get(20, TimeUnit.SECONDS));
            }
            assertThat(
                            texts.stream()
                                    .filter(
                                            t -> t.startsWith(
                                                    "RATE_LIMITED: Too many concurrent tool calls for this user (at most 2 at a time); retry after 1 s")))
                    .hasSize(2);
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    @Order(4)
    void slowWorkspaceIsATimeoutErrorNotAHang() {
        emulator.faults().latency("GET /api/2.0/sql/warehouses", Duration.ofSeconds(5));
        long start = System.nanoTime();
        String answer = text(connector.call(BOB, "list_sql_warehouses", Map.of()));
        assertThat(answer).isEqualTo("UPSTREAM_ERROR: Workspace 'demo' did not answer within 2 s; retry after 2 s");
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(5));
    }

    @Test
    @Order(5)
    void failingWorkspaceOpensTheBreakerAndClientsAreToldWhenToRetry() {
        emulator.faults().errorRate("GET /api/2.1/unity-catalog/*", 1.0, 503);
        String last = null;
        for (int i = 0; i < 6 && (last == null || !last.contains("circuit open")); i++) {
            last = text(connector.call(ALICE, "list_catalogs", Map.of()));
            assertThat(last).startsWith("UPSTREAM_ERROR: Workspace 'demo' is failing (");
        }
        assertThat(last)
                .matches(
                        "UPSTREAM_ERROR: Workspace 'demo' is failing \\(circuit open after repeated errors\\); retry after ([1-9]|1[0-9]|20) s");
        int seen = ucRequests();
        String again = text(connector.call(ALICE, "list_catalogs", Map.of()));
        assertThat(again).contains("circuit open");
        assertThat(ucRequests()).isEqualTo(seen); // Databricks is not called while open
        assertThat(connector.otel.counter("lakegate.breaker.transitions", "lakegate.breaker.state", "OPEN"))
                .isEqualTo(1);
    }

    private static int ucRequests() {
        return (int) emulator.requests().stream()
                .filter(r -> r.path().startsWith("/api/2.1/unity-catalog"))
                .count();
    }
}
