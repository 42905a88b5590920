package io.lakegate.connector.resilience;

import static org.assertj.core.api.Assertions.assertThat;

import io.lakegate.connector.testsupport.ChildJvm;
import io.lakegate.emulator.DatabricksEmulator;
import io.lakegate.emulator.EmulatorConfig;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A connector replica dies (SIGKILL) while a tool call is in flight: the client's retry of the same request, with the
 * same handshake-era session id, on another replica succeeds, and the audit trail of the two replicas holds the call
 * exactly once. Both replicas are real processes sharing only the session key, as behind a Service; the emulator stays
 * in the test JVM so that its SQL server can be slowed down while the call is in flight.
 */
class ReplicaKilledMidCallTest {

    private static final String ALICE = "alice@lakegate.dev";
    private static final String SESSION_KEY = "replica-kill-test-session-key-0123456789abcdef";
    private static final Pattern PROXY_TO_SQL_AUDIT = Pattern.compile("\\{[^\\n]*\"tool\":\"proxy_to_sql\"[^\\n]*}");
    private static final HttpClient HTTP = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5))
            .build();

    static DatabricksEmulator emulator;
    static Replica a;
    static Replica b;

    record Replica(ChildJvm jvm, String base) {}

    @BeforeAll
    static void start() throws Exception {
        emulator = DatabricksEmulator.start(EmulatorConfig.defaults());
        a = replica();
        b = replica();
    }

    @AfterAll
    static void stop() {
        for (Replica r : new Replica[] {a, b}) {
            if (r != null) {
                r.jvm().close();
            }
        }
        if (emulator != null) {
            emulator.close();
        }
    }

    private static Replica replica() throws Exception {
        int port;
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
            port = s.getLocalPort();
        }
        ChildJvm jvm = ChildJvm.start(
                "io.lakegate.connector.LakegateConnectorApplication",
                List.of("-Xmx384m"),
                List.of(
                        "--server.port=" + port,
                        "--server.address=127.0.0.1",
                        "--lakegate.auth.mode=dev-emulator-token",
                        "--lakegate.workspaces.json={\"workspaces\":[{\"name\":\"demo\",\"host\":\""
                                + emulator.baseUrl() + "\",\"identity\":{\"mode\":\"dev-token\"}}]}",
                        "--lakegate.mcp.session-key=" + SESSION_KEY,
                        "--lakegate.dedup.enabled=false"));
        String base = "http://127.0.0.1:" + port;
        long deadline = System.nanoTime() + Duration.ofSeconds(120).toNanos();
        while (true) {
            try {
                HttpResponse<String> health = HTTP.send(
                        HttpRequest.newBuilder(URI.create(base + "/actuator/health"))
                                .timeout(Duration.ofSeconds(5))
                                .build(),
                        HttpResponse.BodyHandlers.ofString());
                if (health.statusCode() == 200) {
                    return new Replica(jvm, base);
                }
            } catch (java.io.IOException notYet) {
                // still starting
            }
            if (System.nanoTime() > deadline) {
                throw new AssertionError("connector not healthy within 120 s:\n" + jvm.output());
            }
            Thread.sleep(250);
        }
    }

    private static HttpRequest post(Replica replica, String token, String sessionId, String body) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(replica.base() + "/mcp"))
                .timeout(Duration.ofSeconds(60))
                .header("Authorization", "Bearer " + token)
                .header("Content-Type", "application/json")
                .header("Accept", "application/json, text/event-stream")
                .POST(HttpRequest.BodyPublishers.ofString(body));
        if (sessionId != null) {
            request.header("Mcp-Session-Id", sessionId).header("MCP-Protocol-Version", "2025-11-25");
        }
        return request.build();
    }

    @Test
    void aCallWhoseReplicaDiesIsRetriedOnAnotherAndAuditedOnce() throws Exception {
        String token = emulator.issueToken(ALICE);
        HttpResponse<String> init = HTTP.send(post(a, token, null, """
                {"jsonrpc":"2.0","id":1,"method":"initialize","params":{"protocolVersion":"2025-11-25",
                 "capabilities":{},"clientInfo":{"name":"replica-kill-test","version":"1"}}}"""), HttpResponse.BodyHandlers.ofString());
        assertThat(init.statusCode()).as(init.body()).isEqualTo(200);
        String session = init.headers().firstValue("Mcp-Session-Id").orElseThrow();
        HTTP.send(
                post(a, token, session, "{\"jsonrpc\":\"2.0\",\"method\":\"notifications/initialized\"}"),
                HttpResponse.BodyHandlers.ofString());

        String call = """
                {"jsonrpc":"2.0","id":2,"method":"tools/call","params":{"name":"proxy_to_sql","arguments":{
                 "tool_name":"execute_sql_read_only","tool_args":{"query":"SELECT 42 AS answer"}}}}""";
        emulator.faults().latency("POST /api/2.0/mcp/sql", Duration.ofSeconds(8));
        CompletableFuture<HttpResponse<String>> inFlight =
                HTTP.sendAsync(post(a, token, session, call), HttpResponse.BodyHandlers.ofString());
        // the call is inside replica A once A has reached the (slowed) SQL server
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (emulator.requests().stream().noneMatch(r -> r.path().startsWith("/api/2.0/mcp/sql"))
                && System.nanoTime() < deadline) {
            Thread.sleep(50);
        }
        assertThat(inFlight).isNotDone();
        ProcessHandle.of(a.jvm().pid()).ifPresent(ProcessHandle::destroyForcibly);
        ProcessHandle.of(a.jvm().pid())
                .ifPresent(p -> p.onExit().orTimeout(30, TimeUnit.SECONDS).join());

        boolean answeredByTheDeadReplica;
        try {
            HttpResponse<String> lost = inFlight.get(30, TimeUnit.SECONDS);
            answeredByTheDeadReplica = lost.statusCode() == 200 && lost.body().contains("42");
        } catch (ExecutionException | TimeoutException connectionLost) {
            answeredByTheDeadReplica = false;
        }
        assertThat(answeredByTheDeadReplica)
                .as("replica A died before answering")
                .isFalse();

        // the client's retry: the same request and session id, landing on the other replica
        emulator.faults().clear();
        HttpResponse<String> retried = HTTP.send(post(b, token, session, call), HttpResponse.BodyHandlers.ofString());
        assertThat(retried.statusCode()).as(retried.body()).isEqualTo(200);
        assertThat(retried.body()).contains("42").doesNotContain("\"isError\":true");

        b.jvm().await(PROXY_TO_SQL_AUDIT, Duration.ofSeconds(30));
        long audited = PROXY_TO_SQL_AUDIT.matcher(a.jvm().output()).results().count()
                + PROXY_TO_SQL_AUDIT.matcher(b.jvm().output()).results().count();
        assertThat(audited).as("audit events of proxy_to_sql on both replicas").isEqualTo(1);
        assertThat(PROXY_TO_SQL_AUDIT
                        .matcher(b.jvm().output())
                        .results()
                        .findFirst()
                        .orElseThrow()
                        .group())
                .contains(ALICE)
                .doesNotContain("\"outcome\":\"error\"");
    }
}
