package io.lakegate.bench.load;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** The 2026-07-28 lane's wire shape, against a local HTTP server that records what it receives. */
class StatelessMcpVirtualUserTest {

    private final LoopbackServers loopback = new LoopbackServers();
    private final ExecutorService pool = loopback.pool();

    @AfterEach
    void stop() {
        loopback.close();
    }

    private String serve(String answer, AtomicReference<Map<String, String>> headers, AtomicReference<JsonNode> body) {
        return loopback.serve("/mcp", exchange -> {
            var h = exchange.getRequestHeaders();
            headers.set(Map.of(
                    "version",
                    String.valueOf(h.getFirst("MCP-Protocol-Version")),
                    "method",
                    String.valueOf(h.getFirst("Mcp-Method")),
                    "name",
                    String.valueOf(h.getFirst("Mcp-Name")),
                    "session",
                    String.valueOf(h.getFirst("Mcp-Session-Id")),
                    "authorization",
                    String.valueOf(h.getFirst("Authorization"))));
            body.set(JsonMapper.builder()
                    .build()
                    .readTree(exchange.getRequestBody().readAllBytes()));
            byte[] bytes = answer.getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders(200, bytes.length);
            exchange.getResponseBody().write(bytes);
            exchange.close();
        });
    }

    @Test
    void aToolCallCarriesTheVersionInMetaAndMirrorsMethodAndNameInHeadersWithoutASession() {
        AtomicReference<Map<String, String>> headers = new AtomicReference<>();
        AtomicReference<JsonNode> body = new AtomicReference<>();
        String base = serve(
                "{\"jsonrpc\":\"2.0\",\"id\":1,\"result\":{\"resultType\":\"complete\",\"content\":[]}}",
                headers,
                body);
        StatelessMcpVirtualUser user = StatelessMcpVirtualUser.create(base, "/mcp", "tok", pool);

        user.call(Operation.tool("get_table", Map.of("full_name", "a.b.c"))).block(Duration.ofSeconds(10));

        assertThat(headers.get())
                .containsEntry("version", "2026-07-28")
                .containsEntry("method", "tools/call")
                .containsEntry("name", "get_table")
                .containsEntry("session", "null")
                .containsEntry("authorization", "Bearer tok");
        assertThat(body.get().path("method").asString()).isEqualTo("tools/call");
        assertThat(body.get().path("params").path("arguments").path("full_name").asString())
                .isEqualTo("a.b.c");
        assertThat(body.get()
                        .path("params")
                        .path("_meta")
                        .path("io.modelcontextprotocol/protocolVersion")
                        .asString())
                .isEqualTo("2026-07-28");
        assertThat(body.get()
                        .path("params")
                        .path("_meta")
                        .path("io.modelcontextprotocol/clientCapabilities")
                        .isObject())
                .isTrue();
    }

    @Test
    void aToolErrorOrAnIncompleteResultIsAFailedCall() {
        String base = serve(
                "{\"jsonrpc\":\"2.0\",\"id\":1,\"result\":{\"resultType\":\"complete\",\"isError\":true,"
                        + "\"content\":[]}}",
                new AtomicReference<>(),
                new AtomicReference<>());
        StatelessMcpVirtualUser user = StatelessMcpVirtualUser.create(base, "/mcp", "tok", pool);
        assertThatThrownBy(
                        () -> user.call(Operation.tool("get_table", Map.of())).block(Duration.ofSeconds(10)))
                .hasMessageContaining("isError");

        String other = serve(
                "{\"jsonrpc\":\"2.0\",\"id\":1,\"result\":{\"resultType\":\"input_required\"}}",
                new AtomicReference<>(),
                new AtomicReference<>());
        StatelessMcpVirtualUser second = StatelessMcpVirtualUser.create(other, "/mcp", "tok", pool);
        assertThatThrownBy(() -> second.call(Operation.listTools()).block(Duration.ofSeconds(10)))
                .hasMessageContaining("resultType");
    }
}
