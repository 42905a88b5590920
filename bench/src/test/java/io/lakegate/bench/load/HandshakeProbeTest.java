package io.lakegate.bench.load;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The first-request probe against servers of both answer styles and an older protocol version. */
class HandshakeProbeTest {

    private final LoopbackServers loopback = new LoopbackServers();
    private final ExecutorService pool = loopback.pool();

    @AfterEach
    void stop() {
        loopback.close();
    }

    @Test
    void readsJsonAndSseAnswersAndCountsTheTools() {
        try (InstantMcpStub stub = InstantMcpStub.start()) {
            HandshakeProbe.FirstAnswers answers = HandshakeProbe.run(stub.baseUrl(), "/mcp", "token", pool);
            assertThat(answers.toolCount()).isEqualTo(1);
            assertThat(answers.initialize()).isPositive().isLessThan(Duration.ofSeconds(35));
            assertThat(answers.toolsList()).isPositive();
        }
    }

    /** A server on an older revision answers initialize with its own version; later requests must carry that one. */
    @Test
    void laterRequestsCarryTheVersionTheServerChoseAndItsSession() {
        List<String> seen = new CopyOnWriteArrayList<>();
        String url = loopback.serve("/mcp", exchange -> {
            String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            String version = exchange.getRequestHeaders().getFirst("MCP-Protocol-Version");
            String session = exchange.getRequestHeaders().getFirst("Mcp-Session-Id");
            seen.add(version + " " + session);
            byte[] answer;
            if (body.contains("\"initialize\"")) {
                answer =
                        "{\"jsonrpc\":\"2.0\",\"id\":1,\"result\":{\"protocolVersion\":\"2025-06-18\",\"capabilities\":{}}}"
                                .getBytes(StandardCharsets.UTF_8);
                exchange.getResponseHeaders().add("Mcp-Session-Id", "s-1");
            } else if (!"2025-06-18".equals(version) || !"s-1".equals(session)) {
                answer = "{\"jsonrpc\":\"2.0\",\"id\":\"server-error\",\"error\":{\"code\":-32600,\"message\":\"bad\"}}"
                        .getBytes(StandardCharsets.UTF_8);
                exchange.sendResponseHeaders(400, answer.length);
                exchange.getResponseBody().write(answer);
                exchange.close();
                return;
            } else if (body.contains("notifications/initialized")) {
                exchange.sendResponseHeaders(202, -1);
                exchange.close();
                return;
            } else {
                answer = "{\"jsonrpc\":\"2.0\",\"id\":1,\"result\":{\"tools\":[{\"name\":\"a\"},{\"name\":\"b\"}]}}"
                        .getBytes(StandardCharsets.UTF_8);
            }
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders(200, answer.length);
            exchange.getResponseBody().write(answer);
            exchange.close();
        });

        HandshakeProbe.FirstAnswers answers = HandshakeProbe.run(url, "/mcp", "token", pool);

        assertThat(answers.toolCount()).isEqualTo(2);
        assertThat(seen).containsExactly("null null", "2025-06-18 s-1", "2025-06-18 s-1");
    }

    @Test
    void aRefusedInitializeIsAFailureNotAFigure() {
        String url = loopback.serve("/mcp", exchange -> {
            exchange.sendResponseHeaders(401, -1);
            exchange.close();
        });

        assertThatThrownBy(() -> HandshakeProbe.run(url, "/mcp", "token", pool))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("initialize: HTTP 401");
    }
}
