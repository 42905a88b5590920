package io.lakegate.connector.mcp;

import static io.lakegate.connector.testsupport.ConnectorHarness.ALICE;
import static io.lakegate.connector.testsupport.ConnectorHarness.BOB;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.lakegate.connector.testsupport.ConnectorHarness;
import io.lakegate.emulator.DatabricksEmulator;
import io.lakegate.emulator.EmulatorConfig;
import io.opentelemetry.sdk.trace.data.SpanData;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Two real connector replicas sharing only configuration (the session key), requests alternating between them as a
 * plain Service would spread them: a handshake-era session opened on one replica works on the other, also after both
 * restarted; the 2026-07-28 lane needs no session at all.
 *
 * <p>A "restart" restarts the emulator too: in one JVM, closing a Spring context disposes Reactor Netty's global
 * resources, which the in-process emulator's server also runs on (separate processes in production and e2e).
 */
class StatelessFrontDoorTest {

    static final JsonMapper JSON = JsonMapper.builder().build();
    static final Map<String, Object> SHARED =
            Map.of("lakegate.mcp.session-key", "a-test-session-key-shared-by-both-replicas-0123456789");
    DatabricksEmulator emulator;
    final List<ConnectorHarness> replicas = new ArrayList<>();

    @AfterEach
    void stopAll() {
        replicas.forEach(ConnectorHarness::close);
        replicas.clear();
        if (emulator != null) {
            emulator.close();
        }
    }

    private void startReplicas() {
        stopAll();
        emulator = DatabricksEmulator.start(EmulatorConfig.defaults());
        replicas.add(ConnectorHarness.start(emulator, SHARED));
        replicas.add(ConnectorHarness.start(emulator, SHARED));
    }

    private static JsonNode json(HttpResponse<String> r) {
        return JSON.readTree(r.body());
    }

    static byte[] legacyCall(int id, String tool, String args) {
        return ("{\"jsonrpc\":\"2.0\",\"id\":" + id + ",\"method\":\"tools/call\",\"params\":{\"name\":\"" + tool
                        + "\",\"arguments\":" + args + "}}")
                .getBytes();
    }

    @Test
    void aHandshakeSessionWorksOnEveryReplicaAndSurvivesARestartOfAll() {
        startReplicas();
        String token = emulator.issueToken(ALICE);
        String session = replicas.get(0).initializeSession(token);
        Map<String, String> h = Map.of("Mcp-Session-Id", session, "MCP-Protocol-Version", "2025-11-25");

        int calls = 0;
        for (int i = 0; i < 10; i++) {
            HttpResponse<String> r = replicas.get(i % 2).post(token, h, legacyCall(100 + i, "list_catalogs", "{}"));
            assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
            assertThat(json(r).path("result").path("isError").asBoolean(true)).isFalse();
            calls++;
        }
        // another user cannot use it on any replica
        for (ConnectorHarness replica : replicas) {
            HttpResponse<String> stolen =
                    replica.post(emulator.issueToken(BOB), h, legacyCall(1, "list_catalogs", "{}"));
            assertThat(stolen.statusCode()).isEqualTo(403);
        }

        startReplicas(); // every replica restarted: nothing of the session lived in memory
        token = emulator.issueToken(ALICE); // the same user, a token of the new emulator
        for (int i = 0; i < 10; i++) {
            HttpResponse<String> r = replicas.get(i % 2).post(token, h, legacyCall(200 + i, "list_catalogs", "{}"));
            assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
            assertThat(json(r).path("result").path("isError").asBoolean(true)).isFalse();
            calls++;
        }
        assertThat(calls).isEqualTo(20);

        // a replica with another key does not accept it (404: the client initializes again)
        ConnectorHarness stranger = ConnectorHarness.start(
                emulator, Map.of("lakegate.mcp.session-key", "another-key-another-fleet-0123456789abcdef"));
        replicas.add(stranger);
        assertThat(stranger.post(token, h, legacyCall(1, "list_catalogs", "{}")).statusCode())
                .isEqualTo(404);
    }

    @Test
    void realJavaSdkClientsWorkAcrossReplicas() {
        startReplicas();
        // the MCP Java SDK client (handshake era: initialize, GET stream probe, JSON replies) against each replica
        for (ConnectorHarness replica : replicas) {
            var client = replica.newClient(ALICE);
            try {
                assertThat(client.listTools().tools()).isNotEmpty();
                assertThat(client.callTool(
                                        io.modelcontextprotocol.spec.McpSchema.CallToolRequest.builder("list_catalogs")
                                                .arguments(Map.of())
                                                .build())
                                .isError())
                        .isFalse();
            } finally {
                client.closeGracefully();
            }
        }
    }

    // ---- 2026-07-28 ----

    static Map<String, String> modernHeaders(String method, String name) {
        Map<String, String> h = new LinkedHashMap<>();
        h.put("MCP-Protocol-Version", "2026-07-28");
        h.put("Mcp-Method", method);
        if (name != null) {
            h.put("Mcp-Name", name);
        }
        return h;
    }

    static byte[] modernRequest(int id, String method, String params, String extraMeta) {
        String meta = "\"_meta\":{\"io.modelcontextprotocol/protocolVersion\":\"2026-07-28\","
                + "\"io.modelcontextprotocol/clientCapabilities\":{},"
                + "\"io.modelcontextprotocol/clientInfo\":{\"name\":\"test\",\"version\":\"1\"}" + extraMeta + "}";
        String p = params == null ? "{" + meta + "}" : "{" + meta + "," + params + "}";
        return ("{\"jsonrpc\":\"2.0\",\"id\":" + id + ",\"method\":\"" + method + "\",\"params\":" + p + "}")
                .getBytes();
    }

    @Test
    void theStatelessLaneNeedsNoSessionAndAnswersOnAnyReplica() {
        startReplicas();
        String token = emulator.issueToken(ALICE);

        HttpResponse<String> discover = replicas.get(0)
                .post(token, modernHeaders("server/discover", null), modernRequest(1, "server/discover", null, ""));
        assertThat(discover.statusCode()).as(discover.body()).isEqualTo(200);
        assertThat(discover.headers().firstValue("Mcp-Session-Id")).isEmpty();
        JsonNode d = json(discover).path("result");
        assertThat(d.path("resultType").asString()).isEqualTo("complete");
        assertThat(d.path("supportedVersions").toString())
                .contains("2026-07-28")
                .contains("2025-11-25");
        assertThat(d.path("capabilities").has("tools")).isTrue();
        assertThat(d.path("_meta")
                        .path("io.modelcontextprotocol/serverInfo")
                        .path("name")
                        .asString())
                .isEqualTo("lakegate-connector");
        assertThat(d.path("ttlMs").asLong(-1)).isPositive();
        assertThat(d.path("cacheScope").asString()).isEqualTo("public");

        List<String> first = null;
        for (int i = 0; i < 4; i++) {
            HttpResponse<String> list = replicas.get(i % 2)
                    .post(token, modernHeaders("tools/list", null), modernRequest(10 + i, "tools/list", null, ""));
            assertThat(list.statusCode()).isEqualTo(200);
            JsonNode result = json(list).path("result");
            assertThat(result.path("resultType").asString()).isEqualTo("complete");
            assertThat(result.path("ttlMs").asLong(-1)).isPositive();
            assertThat(result.path("cacheScope").asString()).isEqualTo("public"); // dev mode: same for everyone
            List<String> names = new ArrayList<>();
            result.path("tools").forEach(t -> names.add(t.path("name").asString()));
            assertThat(names).isSorted().contains("list_catalogs", "proxy_to_sql");
            if (first == null) {
                first = names;
            }
            assertThat(names).isEqualTo(first); // deterministic across requests and replicas
        }

        for (int i = 0; i < 10; i++) {
            HttpResponse<String> call = replicas.get(i % 2)
                    .post(
                            token,
                            modernHeaders("tools/call", "list_catalogs"),
                            modernRequest(100 + i, "tools/call", "\"name\":\"list_catalogs\",\"arguments\":{}", ""));
            assertThat(call.statusCode()).as(call.body()).isEqualTo(200);
            JsonNode result = json(call).path("result");
            assertThat(result.path("resultType").asString()).isEqualTo("complete");
            assertThat(result.path("isError").asBoolean(true)).isFalse();
            assertThat(result.path("content").isArray()).isTrue();
        }
    }

    @Test
    void versionErrorsNameTheSupportedVersionsAndRemovedMethodsAre404() {
        startReplicas();
        String token = emulator.issueToken(ALICE);
        byte[] body = ("{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"tools/list\",\"params\":{\"_meta\":{"
                        + "\"io.modelcontextprotocol/protocolVersion\":\"2031-01-01\","
                        + "\"io.modelcontextprotocol/clientCapabilities\":{}}}}")
                .getBytes();
        HttpResponse<String> r = replicas.get(0)
                .post(token, Map.of("MCP-Protocol-Version", "2031-01-01", "Mcp-Method", "tools/list"), body);
        assertThat(r.statusCode()).isEqualTo(400);
        JsonNode error = json(r).path("error");
        assertThat(error.path("code").asInt()).isEqualTo(-32022);
        assertThat(error.path("data").path("supported").toString()).contains("2026-07-28");
        assertThat(error.path("data").path("requested").asString()).isEqualTo("2031-01-01");

        HttpResponse<String> ping =
                replicas.get(1).post(token, modernHeaders("ping", null), modernRequest(2, "ping", null, ""));
        assertThat(ping.statusCode()).isEqualTo(404);
        assertThat(json(ping).path("error").path("code").asInt()).isEqualTo(-32601);

        HttpResponse<String> mismatch = replicas.get(1)
                .post(
                        token,
                        modernHeaders("tools/call", "list_schemas"),
                        modernRequest(3, "tools/call", "\"name\":\"list_catalogs\",\"arguments\":{}", ""));
        assertThat(mismatch.statusCode()).isEqualTo(400);
        assertThat(json(mismatch).path("error").path("code").asInt()).isEqualTo(-32020);
    }

    @Test
    void aTraceparentInMetaContinuesTheCallersTrace() {
        startReplicas();
        String token = emulator.issueToken(ALICE);
        String traceId = "4bf92f3577b34da6a3ce929d0e0e4736";
        String traceparent = "00-" + traceId + "-00f067aa0ba902b7-01";
        HttpResponse<String> call = replicas.get(0)
                .post(
                        token,
                        modernHeaders("tools/call", "list_catalogs"),
                        modernRequest(
                                1,
                                "tools/call",
                                "\"name\":\"list_catalogs\",\"arguments\":{}",
                                ",\"traceparent\":\"" + traceparent + "\""));
        assertThat(call.statusCode()).isEqualTo(200);
        // spans end as the reply completes, which may be just after the client has it
        await().atMost(Duration.ofSeconds(5))
                .until(() -> replicas.get(0).otel.spans.getFinishedSpanItems().stream()
                        .anyMatch(s ->
                                s.getTraceId().equals(traceId) && s.getName().equals("tools/call list_catalogs")));
        List<SpanData> spans = replicas.get(0).otel.spans.getFinishedSpanItems();
        assertThat(spans).anySatisfy(s -> {
            assertThat(s.getTraceId()).isEqualTo(traceId);
            assertThat(s.getName()).isEqualTo("tools/call list_catalogs");
            assertThat(s.getParentSpanId()).isEqualTo("00f067aa0ba902b7");
        });
        // the tool's own work (and its calls to Databricks) runs inside that trace
        assertThat(spans.stream().filter(s -> s.getTraceId().equals(traceId)).count())
                .isGreaterThan(1);
        assertThat(emulator.requests().stream()
                        .anyMatch(
                                q -> q.traceparent() != null && q.traceparent().contains(traceId)))
                .isTrue();
    }
}
