package io.lakegate.bench.load;

import java.nio.charset.StandardCharsets;

/**
 * An MCP server that is nothing but canned answers (JSON for initialize and server/discover, one SSE event for
 * tools/list), on 127.0.0.1: the harness runs its first-request clients against it first, so that their own cold
 * costs are paid before a real server's first answers are timed.
 */
public final class InstantMcpStub implements AutoCloseable {
    private static final byte[] INITIALIZE = ("{\"jsonrpc\":\"2.0\",\"id\":1,\"result\":{\"protocolVersion\":"
                    + "\"2025-11-25\",\"capabilities\":{\"tools\":{}},\"serverInfo\":{\"name\":\"stub\",\"version\":\"1\"},\"resultType\":\"complete\"}}")
            .getBytes(StandardCharsets.UTF_8);
    private static final byte[] TOOLS = ("event: message\ndata: {\"jsonrpc\":\"2.0\",\"id\":1,\"result\":{\"tools\":"
                    + "[{\"name\":\"t\",\"inputSchema\":{\"type\":\"object\"}}],\"resultType\":\"complete\"}}\n\n")
            .getBytes(StandardCharsets.UTF_8);

    private final com.sun.net.httpserver.HttpServer server;

    private InstantMcpStub(com.sun.net.httpserver.HttpServer server) {
        this.server = server;
    }

    public static InstantMcpStub start() {
        try {
            com.sun.net.httpserver.HttpServer server = com.sun.net.httpserver.HttpServer.create(
                    new java.net.InetSocketAddress(java.net.InetAddress.getLoopbackAddress(), 0), 0);
            server.createContext("/", exchange -> {
                String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
                if (body.contains("notifications/initialized")) {
                    exchange.sendResponseHeaders(202, -1);
                } else {
                    // one SSE event for the handshake lane's tools/list (as the Python SDK answers), JSON otherwise
                    boolean tools = body.contains("tools/list")
                            && exchange.getRequestHeaders().containsKey("Mcp-Session-Id");
                    byte[] answer = tools ? TOOLS : INITIALIZE;
                    exchange.getResponseHeaders().add("Content-Type", tools ? "text/event-stream" : "application/json");
                    exchange.getResponseHeaders().add("Mcp-Session-Id", "stub");
                    exchange.sendResponseHeaders(200, answer.length);
                    exchange.getResponseBody().write(answer);
                }
                exchange.close();
            });
            server.start();
            return new InstantMcpStub(server);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    public String baseUrl() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
