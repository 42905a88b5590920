package io.lakegate.connector.guard.proof;

import io.lakegate.connector.testsupport.ConnectorHarness;
import io.lakegate.emulator.DatabricksEmulator;
import io.lakegate.emulator.EmulatorConfig;
import io.modelcontextprotocol.client.McpClient;
import io.modelcontextprotocol.client.McpSyncClient;
import io.modelcontextprotocol.spec.McpSchema.CallToolRequest;
import io.modelcontextprotocol.spec.McpSchema.CallToolResult;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

/**
 * A real connector (whole Spring Boot app) in front of a real emulator started on a given seed, and a pool of MCP
 * clients per user so a corpus runs on several connections at once (CI has two cores; most of a call is waiting).
 * Rate limiting is off: the subject is the guard, and a corpus run is far above any per-user quota.
 */
final class ProofConnector implements AutoCloseable {

    static final List<String> USERS = List.of(ConnectorHarness.ALICE, ConnectorHarness.BOB, ConnectorHarness.CAROL);
    static final int CLIENTS_PER_USER = 3;
    /**
     * A client gives up after this, and a call that gets no answer is a failure of the guard (issue 12, class 8: a
     * result over the cap is cut, never a hang). It bounds hangs only: how fast answers come is bench/run's business,
     * and a wall-clock assertion here failed on nothing but a loaded machine.
     */
    static final Duration CALL_TIMEOUT = Duration.ofSeconds(30);

    /** One call's outcome: {@code refused} when the tool answered isError, {@code failure} when no answer came. */
    record Outcome(String user, String sql, boolean refused, String text, String failure) {}

    final DatabricksEmulator emulator;
    final ConnectorHarness harness;
    private final Map<String, BlockingQueue<McpSyncClient>> pools = new java.util.concurrent.ConcurrentHashMap<>();

    ProofConnector(String seedResource) {
        this.emulator = DatabricksEmulator.start(EmulatorConfig.defaults().withSeedResource(seedResource));
        ConnectorHarness started = null;
        try {
            started = ConnectorHarness.start(
                    emulator,
                    Map.of(
                            "lakegate.ratelimit.enabled",
                            false,
                            // many refused and failed statements in a row must not open the breaker and turn later
                            // statements into refusals that prove nothing about the guard
                            "lakegate.downstream.breaker.minimum-calls",
                            100000,
                            "lakegate.downstream.breaker.sliding-window-size",
                            100000,
                            "lakegate.dedup.enabled",
                            false));
        } catch (RuntimeException e) {
            emulator.close();
            throw e;
        }
        this.harness = started;
        // all sessions opened up front, one after the other, before any timed work
        try {
            for (String user : USERS) {
                BlockingQueue<McpSyncClient> q = new ArrayBlockingQueue<>(CLIENTS_PER_USER);
                for (int i = 0; i < CLIENTS_PER_USER; i++) {
                    q.add(newClient(user));
                }
                pools.put(user, q);
            }
        } catch (RuntimeException e) {
            close();
            throw e;
        }
    }

    private McpSyncClient borrow(String user) throws InterruptedException {
        return pools.get(user).take();
    }

    /** Like {@link ConnectorHarness#newClient}, with a longer initialization bound for loaded machines. */
    private McpSyncClient newClient(String user) {
        String token = emulator.issueToken(user);
        // WebClient, not the JDK HttpClient transport: the latter takes seconds per MiB of SSE, which would time the
        // client instead of the connector; codecs sized for the largest answer the connector may send
        org.springframework.web.reactive.function.client.WebClient.Builder web =
                org.springframework.web.reactive.function.client.WebClient.builder()
                        .baseUrl("http://127.0.0.1:" + harness.port)
                        .defaultHeader("Authorization", "Bearer " + token)
                        .codecs(c -> c.defaultCodecs().maxInMemorySize(64 * 1024 * 1024));
        var transport = org.springframework.ai.mcp.client.webflux.transport.WebClientStreamableHttpTransport.builder(
                        web)
                .endpoint("/mcp")
                .build();
        // initialization is not what is tested: on a loaded machine the first requests of a fresh connector are slow
        McpSyncClient client = McpClient.sync(transport)
                .requestTimeout(CALL_TIMEOUT)
                .initializationTimeout(Duration.ofSeconds(90))
                .build();
        client.initialize();
        return client;
    }

    Outcome call(String user, String tool, Map<String, Object> args, String label) {
        McpSyncClient client;
        try {
            client = borrow(user);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Outcome(user, label, false, "", "interrupted");
        }
        try {
            CallToolResult result = client.callTool(
                    CallToolRequest.builder(tool).arguments(args).build());
            String text = ConnectorHarness.text(result)
                    + (result.structuredContent() == null
                            ? ""
                            : "\n" + SeedWorkspace.JSON.writeValueAsString(result.structuredContent()));
            return new Outcome(user, label, Boolean.TRUE.equals(result.isError()), text, null);
        } catch (RuntimeException e) {
            return new Outcome(user, label, false, "", e.getClass().getSimpleName() + ": " + e.getMessage());
        } finally {
            pools.get(user).add(client);
        }
    }

    Outcome sql(String user, String sql) {
        return call(
                user,
                "proxy_to_sql",
                Map.of("tool_name", "execute_sql_read_only", "tool_args", Map.of("query", sql)),
                sql);
    }

    Outcome poll(String user, String statementId) {
        return call(
                user,
                "proxy_to_sql",
                Map.of("tool_name", "poll_sql_result", "tool_args", Map.of("statement_id", statementId)),
                "poll " + statementId);
    }

    /** Runs {@code work} over {@code items} on {@code USERS.size() * CLIENTS_PER_USER} threads, bounded in time. */
    <T, R> List<R> parallel(List<T> items, Function<T, R> work, Duration budget) {
        ExecutorService pool = Executors.newFixedThreadPool(USERS.size() * CLIENTS_PER_USER);
        try {
            List<Future<R>> futures = new ArrayList<>();
            for (T item : items) {
                futures.add(pool.submit(() -> work.apply(item)));
            }
            long deadline = System.nanoTime() + budget.toNanos();
            List<R> out = new ArrayList<>();
            for (Future<R> f : futures) {
                long left = deadline - System.nanoTime();
                try {
                    out.add(f.get(Math.max(left, 1), TimeUnit.NANOSECONDS));
                } catch (java.util.concurrent.TimeoutException e) {
                    throw new AssertionError("corpus run exceeded its budget of " + budget);
                } catch (java.util.concurrent.ExecutionException e) {
                    throw new IllegalStateException(e.getCause());
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IllegalStateException(e);
                }
            }
            return out;
        } finally {
            pool.shutdownNow();
        }
    }

    /**
     * Runs a statement on the emulator's Statement Execution API directly, as {@code user}, bypassing the connector
     * (what another client of the same workspace does); returns the raw JSON answer.
     */
    String direct(String user, String sql) {
        String body = SeedWorkspace.JSON.writeValueAsString(
                Map.of("statement", sql, "wait_timeout", "10s", "warehouse_id", emulatorWarehouse(user)));
        HttpRequest request = HttpRequest.newBuilder(URI.create(emulator.baseUrl() + "/api/2.0/sql/statements"))
                .timeout(Duration.ofSeconds(20))
                .header("Authorization", "Bearer " + emulator.issueToken(user))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body))
                .build();
        HttpResponse<String> response = harness.send(request);
        if (response.statusCode() != 200) {
            throw new AssertionError("direct statement failed: " + response.statusCode() + " " + response.body());
        }
        return response.body();
    }

    /** The first warehouse {@code user} may use (the list is filtered by CAN USE). */
    private String emulatorWarehouse(String user) {
        HttpRequest request = HttpRequest.newBuilder(URI.create(emulator.baseUrl() + "/api/2.0/sql/warehouses"))
                .timeout(Duration.ofSeconds(20))
                .header("Authorization", "Bearer " + emulator.issueToken(user))
                .GET()
                .build();
        return SeedWorkspace.JSON
                .readTree(harness.send(request).body())
                .path("warehouses")
                .get(0)
                .path("id")
                .asString();
    }

    @Override
    public void close() {
        pools.values()
                .forEach(q -> q.forEach(c -> {
                    try {
                        c.closeGracefully();
                    } catch (RuntimeException ignored) {
                        // the connector may be gone already
                    }
                }));
        try {
            harness.close();
        } finally {
            emulator.close();
        }
    }
}
