package io.lakegate.connector.resilience;

import static io.lakegate.connector.testsupport.ConnectorHarness.text;
import static org.assertj.core.api.Assertions.assertThat;

import io.lakegate.connector.testsupport.ChildJvm;
import io.modelcontextprotocol.client.McpClient;
import io.modelcontextprotocol.client.McpSyncClient;
import io.modelcontextprotocol.client.transport.HttpClientStreamableHttpTransport;
import io.modelcontextprotocol.spec.McpSchema.CallToolRequest;
import io.modelcontextprotocol.spec.McpSchema.CallToolResult;
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
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * {@link UserIsolationEndToEndTest} on real processes: the emulator ({@code EmulatorMain}) and the connector
 * ({@code LakegateConnectorApplication}) each in a JVM of its own, the two users' MCP clients in the test JVM. User A
 * sends calls for unknown Genie spaces from 4 threads, ignoring Retry-After, until 100 were answered, while user B
 * keeps calling his real space for as long as A sends; B's latency with and without A is printed (measured, not
 * asserted: the machine's CPUs are shared). After a burst of NOT_FOUNDs A is paced ({@code UserPacing}: 5 failed
 * calls a second), so what he costs the replica is bounded however fast he sends. With the breaker as sensitive as the in-process test's, 4 counted client errors would open it
 * and B's calls would fail; with fair admission ({@code max-concurrent=2}) A's calls beyond his share are refused
 * before they cost anything upstream, so B keeps his share of the replica.
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
        String emulatorUrl = emulator.await(Pattern.compile("listening on (http://\\S+)"), Duration.ofSeconds(60))
                .group(1);
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
        connector = ChildJvm.start(
                "io.lakegate.connector.LakegateConnectorApplication",
                List.of("-Xmx512m"),
                List.of(
                        "--server.port=" + port,
                        "--server.address=127.0.0.1",
                        "--lakegate.auth.mode=dev-emulator-token",
                        "--lakegate.workspaces.json={\"workspaces\":[{\"name\":\"demo\",\"host\":\"" + emulatorUrl
                                + "\",\"identity\":{\"mode\":\"dev-token\"}}]}",
                        "--lakegate.downstream.breaker.minimum-calls=4",
                        "--lakegate.downstream.breaker.sliding-window-size=4",
                        "--lakegate.downstream.breaker.wait-in-open=60s",
                        "--lakegate.dedup.enabled=false",
                        // the replica counts as busy from 2 tool calls in flight: then each user's share is 2 / users
                        "--lakegate.downstream.bulkhead.max-concurrent=2",
                        // A's refused calls come back at once and he sends again: keep the HTTP request limits (their
                        // own
                        // test: LimitsAndFaultsEndToEndTest) out of the way, this test is about the tool-call stage; in
                        // this
                        // mode both users come through the same (unknown) OAuth client
                        "--lakegate.ratelimit.user.fleet-limit=1000000",
                        "--lakegate.ratelimit.client.fleet-limit=1000000",
                        "--lakegate.ratelimit.tool.fleet-limit=1000000"));
        HttpClient http =
                HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        long deadline = System.nanoTime() + Duration.ofSeconds(120).toNanos();
        while (true) {
            try {
                HttpResponse<String> health = http.send(
                        HttpRequest.newBuilder(URI.create(mcpBase + "/actuator/health"))
                                .timeout(Duration.ofSeconds(5))
                                .build(),
                        HttpResponse.BodyHandlers.ofString());
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
        McpSyncClient client = McpClient.sync(HttpClientStreamableHttpTransport.builder(mcpBase)
                        .endpoint("/mcp")
                        .httpRequestCustomizer((b, m, u, body, ctx) -> b.header("Authorization", "Bearer " + token))
                        .build())
                .requestTimeout(Duration.ofSeconds(30))
                .build();
        client.initialize();
        return client;
    }

    @Test
    void aUsersHundredBadCallsLeaveAnotherUsersCallsUntouched() throws Exception {
        McpSyncClient bob = client("bob@lakegate.dev");
        for (int i = 0; i < 500; i++) {
            bobsCall(bob); // warm-up: sessions, SCI index, JIT (of all three processes)
        }
        List<Long> alone = new ArrayList<>();
        for (int i = 0; i < 300; i++) {
            alone.add(bobsCall(bob));
            Thread.sleep(10);
        }
        ExecutorService pool = Executors.newFixedThreadPool(4);
        ConcurrentLinkedQueue<String> aliceAnswers = new ConcurrentLinkedQueue<>();
        AtomicInteger notFound = new AtomicInteger();
        AtomicInteger refusedAtHttp = new AtomicInteger();
        List<Long> withA = new ArrayList<>();
        double floodSeconds;
        long aStart = System.nanoTime();
        long aDeadline = aStart + TimeUnit.SECONDS.toNanos(150);
        try {
            List<Future<?>> attackers = new ArrayList<>();
            for (int t = 0; t < 4; t++) {
                attackers.add(pool.submit(() -> {
                    McpSyncClient alice = client("alice@lakegate.dev");
                    try {
                        // a misbehaving agent: ignores Retry-After and sends again at once until 100 calls were
                        // answered
                        while (notFound.get() < 100 && System.nanoTime() < aDeadline) {
                            byte[] id = new byte[16];
                            ThreadLocalRandom.current().nextBytes(id);
                            String answer;
                            try {
                                answer = text(alice.callTool(CallToolRequest.builder("list_genie_tools")
                                        .arguments(Map.of(
                                                "genie_space_id", HexFormat.of().formatHex(id)))
                                        .build()));
                            } catch (RuntimeException httpRefusal) {
                                refusedAtHttp.incrementAndGet(); // the per-user request limit's 429
                                continue;
                            }
                            aliceAnswers.add(answer);
                            if (answer.startsWith("NOT_FOUND")) {
                                notFound.incrementAndGet();
                            }
                        }
                    } finally {
                        alice.closeGracefully();
                    }
                    return null;
                }));
            }
            // B calls for as long as A misbehaves (A is paced: his 100 bad calls take about 20 s)
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(150);
            while (System.nanoTime() < deadline && (notFound.get() < 100 || withA.size() < 60)) {
                withA.add(bobsCall(bob));
                Thread.sleep(10); // an agent thinks between two calls
            }
            for (Future<?> f : attackers) {
                f.get(180, TimeUnit.SECONDS);
            }
            floodSeconds = (System.nanoTime() - aStart) / 1e9;
        } finally {
            pool.shutdownNow();
        }
        // A's bad calls are answered (NOT_FOUND); his excess is refused at once (RATE_LIMITED), never B's calls
        assertThat(notFound.get()).isGreaterThanOrEqualTo(100);
        assertThat(aliceAnswers).allSatisfy(a -> assertThat(a).matches("(?s)(NOT_FOUND|RATE_LIMITED):.*"));
        long refusedInPipeline =
                aliceAnswers.stream().filter(a -> a.startsWith("RATE_LIMITED")).count();
        List<Long> after = new ArrayList<>();
        for (int i = 0; i < 300; i++) {
            after.add(bobsCall(bob));
            Thread.sleep(10);
        }
        bob.closeGracefully();
        System.out.printf(
                "user isolation (separate processes): B alone n=%d p50=%d ms p99=%d ms; B while A sent 100"
                        + " bad calls (4 threads, %.1f s) n=%d p50=%d ms p99=%d ms (p99 ratio %.2f); B after A n=%d p50=%d ms p99=%d ms (p99 while A / after A %.2f);"
                        + " A: %d NOT_FOUND, %d refused as over his share (RATE_LIMITED), %d refused at the HTTP layer%n",
                alone.size(),
                percentile(alone, 50),
                percentile(alone, 99),
                floodSeconds,
                withA.size(),
                percentile(withA, 50),
                percentile(withA, 99),
                (double) percentile(withA, 99) / Math.max(1, percentile(alone, 99)),
                after.size(),
                percentile(after, 50),
                percentile(after, 99),
                (double) percentile(withA, 99) / Math.max(1, percentile(after, 99)),
                notFound.get(),
                refusedInPipeline,
                refusedAtHttp.get());
    }

    private static long bobsCall(McpSyncClient bob) {
        long start = System.nanoTime();
        CallToolResult r = bob.callTool(CallToolRequest.builder("list_genie_tools")
                .arguments(Map.of("genie_space_id", SALES_SPACE))
                .build());
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
