package io.lakegate.bench.load;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The first-request probe against servers of both answer styles and an older protocol version. */
class HandshakeProbeTest {

    private final ExecutorService pool = Executors.newFixedThreadPool(2);
    private HttpServer server;

    @AfterEach
    void stop() {
        if (server != null) {
            server.stop(0);
        }
        pool.shutdownNow();
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
    void laterRequestsCarryTheVersionTheServerChoseAndItsSession() throws IOException {
        List<String> seen = new CopyOnWriteArrayList<>();
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/mcp", exchange -> {
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
        server.start();
        String url = "http://127.0.0.1:" + server.getAddress().getPort();

        HandshakeProbe.FirstAnswers answers = HandshakeProbe.run(url, "/mcp", "token", pool);

        assertThat(answers.toolCount()).isEqualTo(2);
        assertThat(seen).containsExactly("null null", "2025-06-18 s-1", "2025-06-18 s-1");
    }

    @Test
    void aRefusedInitializeIsAFailureNotAFigure() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/mcp", exchange -> {
            exchange.sendResponseHeaders(401, -1);
            exchange.close();
        });
        server.start();
        String url = "http://127.0.0.1:" + server.getAddress().getPort();

        assertThatThrownBy(() -> HandshakeProbe.run(url, "/mcp", "token", pool))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("initialize: HTTP 401");
    }
}
