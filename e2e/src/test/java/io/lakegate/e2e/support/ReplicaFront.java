package io.lakegate.e2e.support;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A load balancer in front of connector replicas, as a plain Service is: every request, {@code /mcp} included, goes to
 * the next replica in turn, so a sign-in started on one replica continues on another and consecutive MCP requests of
 * one session land on different replicas (nothing a request needs lives in one replica's memory). Records which
 * replica served which path.
 */
public final class ReplicaFront implements AutoCloseable {

    /**
     * One forwarded request: the path, the index of the replica that answered it (in the list at that moment), that
     * replica's base URL, the request's {@code MCP-Protocol-Version} and {@code Mcp-Session-Id} headers (null when
     * absent), and the HTTP status the client got (0: the replica gave no answer, the client saw the connection fail).
     */
    public record Routed(
            String path, int replica, String target, String protocolVersion, String sessionId, int status) {}

    private static final Set<String> HOP_BY_HOP =
            Set.of("host", "connection", "content-length", "transfer-encoding", "keep-alive", "upgrade", "expect");

    private final HttpServer server;
    private final ExecutorService executor = Executors.newCachedThreadPool();
    private final HttpClient http = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5))
            .followRedirects(HttpClient.Redirect.NEVER)
            .build();
    private volatile List<String> replicas;
    private final AtomicInteger next = new AtomicInteger();
    private final List<Routed> routed = new CopyOnWriteArrayList<>();

    public ReplicaFront(int port, List<String> replicaBaseUrls) throws IOException {
        this.replicas = List.copyOf(replicaBaseUrls);
        this.server = HttpServer.create(new InetSocketAddress(InetAddress.getByName("127.0.0.1"), port), 64);
        server.createContext("/", this::forward);
        server.setExecutor(executor);
        server.start();
    }

    /** The replicas behind the front change (a rollout replaced the pods); the public URL stays. */
    public void routeTo(List<String> replicaBaseUrls) {
        this.replicas = List.copyOf(replicaBaseUrls);
        routed.clear();
    }

    public List<Routed> routed() {
        return List.copyOf(routed);
    }

    /**
     * A replica became ready and joins the rotation, as a new pod joins the Service's endpoints during a rolling
     * update; what was routed so far is kept.
     */
    public synchronized void add(String replicaBaseUrl) {
        List<String> next = new java.util.ArrayList<>(replicas);
        next.add(replicaBaseUrl);
        replicas = List.copyOf(next);
    }

    /** A replica leaves the rotation before it is stopped, as a terminating pod leaves the endpoints. */
    public synchronized void remove(String replicaBaseUrl) {
        List<String> next = new java.util.ArrayList<>(replicas);
        if (!next.remove(replicaBaseUrl) || next.isEmpty()) {
            throw new IllegalStateException("cannot remove " + replicaBaseUrl + " from " + replicas);
        }
        replicas = List.copyOf(next);
    }

    private int replicaFor(int count) {
        return Math.floorMod(next.getAndIncrement(), count);
    }

    private void forward(HttpExchange exchange) throws IOException {
        String pathAndQuery = exchange.getRequestURI().getRawPath()
                + (exchange.getRequestURI().getRawQuery() == null
                        ? ""
                        : "?" + exchange.getRequestURI().getRawQuery());
        List<String> targets = replicas;
        int replica = replicaFor(targets.size());
        String protocol = exchange.getRequestHeaders().getFirst("MCP-Protocol-Version");
        String session = exchange.getRequestHeaders().getFirst("Mcp-Session-Id");
        int status = 0;
        try (exchange) {
            byte[] body = exchange.getRequestBody().readAllBytes();
            HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(targets.get(replica) + pathAndQuery))
                    .method(
                            exchange.getRequestMethod(),
                            body.length == 0
                                    ? HttpRequest.BodyPublishers.noBody()
                                    : HttpRequest.BodyPublishers.ofByteArray(body));
            exchange.getRequestHeaders().forEach((name, values) -> {
                if (!HOP_BY_HOP.contains(name.toLowerCase())) {
                    values.forEach(v -> request.header(name, v));
                }
            });
            HttpResponse<InputStream> response = http.send(request.build(), HttpResponse.BodyHandlers.ofInputStream());
            status = response.statusCode();
            response.headers().map().forEach((name, values) -> {
                if (!HOP_BY_HOP.contains(name.toLowerCase()) && !name.startsWith(":")) {
                    exchange.getResponseHeaders().put(name, values);
                }
            });
            long length = response.headers().firstValueAsLong("content-length").orElse(0);
            exchange.sendResponseHeaders(
                    response.statusCode(), length == 0 ? (statusHasNoBody(response) ? -1 : 0) : length);
            try (InputStream in = response.body();
                    OutputStream out = exchange.getResponseBody()) {
                byte[] buffer = new byte[8192];
                for (int n; (n = in.read(buffer)) >= 0; ) {
                    out.write(buffer, 0, n);
                    out.flush(); // SSE events must reach the client as they come
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            routed.add(new Routed(
                    exchange.getRequestURI().getPath(), replica, targets.get(replica), protocol, session, status));
        }
    }

    private static boolean statusHasNoBody(HttpResponse<?> response) {
        return response.statusCode() == 204
                || response.statusCode() == 304
                || response.headers().firstValueAsLong("content-length").orElse(-1) == 0;
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }
}
