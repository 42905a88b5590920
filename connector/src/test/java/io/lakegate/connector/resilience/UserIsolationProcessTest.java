package io.lakegate.connector.resilience;

import static io.lakegate.connector.testsupport.ConnectorHarness.text;
import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.lakegate.connector.testsupport.ChildJvm;
import io.modelcontextprotocol.client.McpClient;
import io.modelcontextprotocol.client.McpSyncClient;
import io.modelcontextprotocol.client.transport.HttpClientStreamableHttpTransport;
import io.modelcontextprotocol.spec.McpSchema.CallToolRequest;
import io.modelcontextprotocol.spec.McpSchema.CallToolResult;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * {@link UserIsolationEndToEndTest} on real processes: the emulator ({@code EmulatorMain}) and the connector
 * ({@code LakegateConnectorApplication}) each in a JVM of its own, the two users' MCP clients in the test JVM. User A
 * sends 100 calls for unknown Genie spaces from 4 threads while user B keeps calling his real space; B's latency
 * with and without A is printed (measured, not asserted: the machine's CPUs are shared). With the breaker as
 * sensitive as the in-process test's, 4 counted client errors would open it and B's calls would fail.
 */
class UserIsolationProcessTest {

    static final String SALES_SPACE = "01f0a1b2c3d4e5f6a7b8c9d0e1f2a3b4";
    static ChildJvm emulator;
    static ChildJvm connector;
    static String mcpBase;
    static Map<String, String> tokens = new java.util.HashMap<>();

    @BeforeAll
    static void start() throws Exception {
        emulator = ChildJvm.start("io.lakegate.emulator.EmulatorMain", List.of("-Xmx256m"), List.of("--port", "0"));
        String emulatorUrl = emulator.await(Pattern.compile("listening on (http://\\S+)"), Duration.ofSeconds(60)).group(1);
        emulator.await(Pattern.compile("token carol@lakegate.dev \\S+"), Duration.ofSeconds(10));
        Matcher t = Pattern.compile("token (\\S+) (\\S+)").matcher(emulator.output());
        while (t.find()) {
            tokens.put(t.group(1), t.group(2));
        }
        int port;
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
            port = s.getLocalPort();
        }
        mcpBase = "http://127.0.0.1:" + port;
        connector = ChildJvm.start("io.lakegate.connector.LakegateConnectorApplication", List.of("-Xmx512m"), List.of(
                "--server.port=" + port, "--server.address=127.0.0.1",
                "--lakegate.auth.mode=dev-emulator-token",
                "--lakegate.workspaces.json={\"workspaces\":[{\"name\":\"demo\",\"host\":\"" + emulatorUrl
                        + "\",\"identity\":{\"mode\":\"dev-token\"}}]}",
                "--lakegate.downstream.breaker.minimum-calls=4",
                "--lakegate.downstream.breaker.sliding-window-size=4",
                "--lakegate.downstream.breaker.wait-in-open=60s",
                "--lakegate.dedup.enabled=false"));
        HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        long deadline = System.nanoTime() + Duration.ofSeconds(120).toNanos();
        while (true) {
            try {
                HttpResponse<String> health = http.send(HttpRequest.newBuilder(URI.create(mcpBase + "/actuator/health"))
                        .timeout(Duration.ofSeconds(5)).build(), HttpResponse.BodyHandlers.ofString());
                if (health.statusCode() == 200) {
                    break;
                }
            } catch (java.io.IOException notYet) {
                // still starting
            }
            if (System.nanoTime() > deadline) {
                throw new AssertionError("connector not healthy within 120 s:\n" + connector.output());
            }
            Thread.sleep(250);
        }
    }

    @AfterAll
    static void stop() {
        if (connector != null) {
            connector.close();
        }
        if (emulator != null) {
            emulator.close();
        }
    }

    static McpSyncClient client(String user) {
        String token = tokens.get(user);
        McpSyncClient client = McpClient.sync(HttpClientStreamableHttpTransport.builder(mcpBase).endpoint("/mcp")
                .httpRequestCustomizer((b, m, u, body, ctx) -> b.header("Authorization", "Bearer " + token))
                .build()).requestTimeout(Duration.ofSeconds(30)).build();
        client.initialize();
        return client;
    }

    @Test
    void aUsersHundredBadCallsLeaveAnotherUsersCallsUntouched() throws Exception {
        McpSyncClient bob = client("bob@lakegate.dev");
        for (int i = 0; i < 10; i++) {
            bobsCall(bob);      // warm-up: sessions, SCI index, JIT
        }
        List<Long> alone = new ArrayList<>();
        for (int i = 0; i < 60; i++) {
            alone.add(bobsCall(bob));
        }
        ExecutorService pool = Executors.newFixedThreadPool(4);
        ConcurrentLinkedQueue<String> aliceAnswers = new ConcurrentLinkedQueue<>();
        AtomicInteger sent = new AtomicInteger();
        List<Long> withA = new ArrayList<>();
        try {
            List<Future<?>> attackers = new ArrayList<>();
            for (int t = 0; t < 4; t++) {
                attackers.add(pool.submit(() -> {
                    McpSyncClient alice = client("alice@lakegate.dev");
                    try {
                        while (sent.incrementAndGet() <= 100) {
                            byte[] id = new byte[16];
                            ThreadLocalRandom.current().nextBytes(id);
                            aliceAnswers.add(text(alice.callTool(CallToolRequest.builder("list_genie_tools")
                                    .arguments(Map.of("genie_space_id", HexFormat.of().formatHex(id))).build())));
                        }
                    } finally {
                        alice.closeGracefully();
                    }
                    return null;
                }));
            }
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(90);
            while (withA.size() < 60 && System.nanoTime() < deadline
                    && (aliceAnswers.size() < 100 || withA.size() < 10)) {
                withA.add(bobsCall(bob));
            }
            for (Future<?> f : attackers) {
                f.get(120, TimeUnit.SECONDS);
            }
        } finally {
            pool.shutdownNow();
        }
        assertThat(aliceAnswers).hasSize(100).allSatisfy(a -> assertThat(a).startsWith("NOT_FOUND"));
        List<Long> after = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            after.add(bobsCall(bob));
        }
        bob.closeGracefully();
        System.out.printf("user isolation (separate processes): B alone n=%d p50=%d ms p99=%d ms; B while A sent 100"
                + " bad calls (4 threads) n=%d p50=%d ms p99=%d ms; B after A n=%d p99=%d ms; A's answers all NOT_FOUND%n",
                alone.size(), percentile(alone, 50), percentile(alone, 99), withA.size(), percentile(withA, 50),
                percentile(withA, 99), after.size(), percentile(after, 99));
    }

    private static long bobsCall(McpSyncClient bob) {
        long start = System.nanoTime();
        CallToolResult r = bob.callTool(CallToolRequest.builder("list_genie_tools")
                .arguments(Map.of("genie_space_id", SALES_SPACE)).build());
        long millis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
        assertThat(r.isError()).as(text(r)).isNotEqualTo(Boolean.TRUE);
        assertThat(text(r)).contains("query_space_" + SALES_SPACE);
        return millis;
    }

    private static long percentile(List<Long> values, int p) {
        List<Long> sorted = new ArrayList<>(values);
        Collections.sort(sorted);
        int index = (int) Math.ceil(p / 100.0 * sorted.size()) - 1;
        return sorted.get(Math.max(0, Math.min(index, sorted.size() - 1)));
    }
}
