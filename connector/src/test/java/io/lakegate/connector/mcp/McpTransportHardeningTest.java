package io.lakegate.connector.mcp;

import static io.lakegate.connector.testsupport.ConnectorHarness.ALICE;
import static io.lakegate.connector.testsupport.ConnectorHarness.BOB;
import static org.assertj.core.api.Assertions.assertThat;

import io.lakegate.connector.databricks.DatabricksWarmUp;
import io.lakegate.connector.oauth.ReplicaSecrets;
import io.lakegate.connector.testsupport.ConnectorHarness;
import io.lakegate.emulator.DatabricksEmulator;
import io.lakegate.emulator.EmulatorConfig;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The handshake era's Streamable HTTP rules (MCP 2025-11-25) on Lakegate's stateless front door, over raw HTTP. */
class McpTransportHardeningTest {

    static final String LIST = "{\"jsonrpc\":\"2.0\",\"id\":2,\"method\":\"tools/list\"}";
    static final String SESSION_KEY = "hardening-test-session-key-0123456789abcdef";
    static DatabricksEmulator emulator;
    static ConnectorHarness connector;

    @BeforeAll
    static void start() {
        emulator = DatabricksEmulator.start(EmulatorConfig.defaults());
        connector = ConnectorHarness.start(emulator, Map.of("lakegate.mcp.session-key", SESSION_KEY));
    }

    @AfterAll
    static void stop() {
        connector.close();
        emulator.close();
    }

    private static HttpResponse<String> list(String token, String session, String version) {
        return connector.post(
                token,
                version == null
                        ? Map.of("Mcp-Session-Id", session)
                        : Map.of("Mcp-Session-Id", session, "MCP-Protocol-Version", version),
                LIST.getBytes());
    }

    private static HttpResponse<String> delete(String token, String session) {
        return connector.send(HttpRequest.newBuilder(URI.create(connector.mcpUrl()))
                .DELETE()
                .header("Authorization", "Bearer " + token)
                .header("Mcp-Session-Id", session)
                .header("MCP-Protocol-Version", "2025-11-25")
                .timeout(Duration.ofSeconds(10))
                .build());
    }

    @Test
    void readinessComesAfterAWarmUpThatTookTheRealHandshakeOfBothEras() {
        // every step must have been answered like a client's, or the warm-up warmed an error path instead
        assertThat(connector.context.getBean(McpWarmUp.class).outcomes())
                .containsExactly(
                        "initialize 200",
                        "tools/list 200",
                        "server/discover 200",
                        "tools/list 200",
                        "unauthenticated POST 401");
        // and the Databricks client's path, with the request every workspace refuses
        assertThat(connector.context.getBean(DatabricksWarmUp.class).outcome()).isEqualTo("demo HTTP 401");
    }

    @Test
    void unsupportedProtocolVersionIs400WithTheSupportedVersions() {
        String token = connector.token(ALICE);
        String session = connector.initializeSession(token);

        HttpResponse<String> bad = list(token, session, "1999-01-01");
        assertThat(bad.statusCode()).isEqualTo(400);
        assertThat(bad.body())
                .contains("\"code\":-32022")
                .contains("Unsupported MCP-Protocol-Version '1999-01-01'")
                .contains("\"supported\":[\"2026-07-28\",\"2025-11-25\"")
                .contains("\"requested\":\"1999-01-01\"")
                .contains("\"id\":2");
        assertThat(list(token, session, "2025-11-25").statusCode()).isEqualTo(200);
        assertThat(list(token, session, "2025-06-18").statusCode()).isEqualTo(200);
        assertThat(list(token, session, null).statusCode()).isEqualTo(200); // absent = 2025-03-26, allowed
    }

    @Test
    void getAndDeleteAre405AtOnceWithAllowPost() {
        String token = connector.token(ALICE);
        String session = connector.initializeSession(token);
        long start = System.nanoTime();
        HttpResponse<String> get = connector.send(HttpRequest.newBuilder(URI.create(connector.mcpUrl()))
                .GET()
                .header("Authorization", "Bearer " + token)
                .header("Accept", "text/event-stream")
                .header("Mcp-Session-Id", session)
                .header("MCP-Protocol-Version", "2025-11-25")
                .timeout(Duration.ofSeconds(10))
                .build());
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(5));
        assertThat(get.statusCode()).isEqualTo(405);
        assertThat(get.headers().firstValue("Allow")).hasValue("POST");
        assertThat(get.body()).contains("\"jsonrpc\":\"2.0\"").contains("\"code\":-32600");

        HttpResponse<String> delete = delete(token, session);
        assertThat(delete.statusCode()).isEqualTo(405);
        assertThat(delete.headers().firstValue("Allow")).hasValue("POST");
        assertThat(delete.body()).contains("\"jsonrpc\":\"2.0\"");
        // nothing was ended: the session goes on
        assertThat(list(token, session, "2025-11-25").statusCode()).isEqualTo(200);
    }

    @Test
    void anotherUsersSessionIdIsRefused() {
        String alice = connector.token(ALICE);
        String session = connector.initializeSession(alice);

        HttpResponse<String> stolen = list(connector.token(BOB), session, "2025-11-25");
        assertThat(stolen.statusCode()).isEqualTo(403);
        assertThat(stolen.body())
                .contains("Session was created by another user")
                .contains("\"jsonrpc\":\"2.0\"");
        assertThat(list(alice, session, "2025-11-25").statusCode()).isEqualTo(200); // still alice's
    }

    @Test
    void forgedTamperedAndMissingSessionIdsAreJsonRpcErrors() {
        String token = connector.token(ALICE);
        String session = connector.initializeSession(token);
        char last = session.charAt(session.length() - 1);
        String tampered = session.substring(0, session.length() - 1) + (last == 'A' ? 'B' : 'A');
        for (String forged :
                new String[] {tampered, "v1.AAAA.BBBB", "no-such-session", "00000000-0000-0000-0000-000000000000"}) {
            HttpResponse<String> r = list(token, forged, "2025-11-25");
            assertThat(r.statusCode()).as(forged).isEqualTo(404);
            assertThat(r.body())
                    .contains("Session not found")
                    .contains("initialize a new session")
                    .doesNotContain("Exception");
        }
        HttpResponse<String> missing =
                connector.post(token, Map.of("MCP-Protocol-Version", "2025-11-25"), LIST.getBytes());
        assertThat(missing.statusCode()).isEqualTo(400);
        assertThat(missing.body()).contains("\"code\":-32600").contains("Mcp-Session-Id");
    }

    @Test
    void sessionIdsAreVerifiedWithTheSharedKeyAndEndAfterTheirMaximumAge() {
        String token = connector.token(ALICE);
        byte[] key = new ReplicaSecrets(SESSION_KEY, null).derive(McpSessionIds.KEY_PURPOSE);
        // minted elsewhere (another replica, before a restart) with the shared key: valid here
        String elsewhere = new McpSessionIds(key, Duration.ofHours(24), Clock.systemUTC()).mint(ALICE);
        assertThat(list(token, elsewhere, "2025-11-25").statusCode()).isEqualTo(200);
        // minted 25 h ago: past the default maximum age of 24 h
        String old = new McpSessionIds(
                        key, Duration.ofHours(24), Clock.offset(Clock.systemUTC(), Duration.ofHours(-25)))
                .mint(ALICE);
        HttpResponse<String> expired = list(token, old, "2025-11-25");
        assertThat(expired.statusCode()).isEqualTo(404);
        assertThat(expired.body()).contains("Session not found: it expired").contains("initialize a new session");
        // minted with another key: unknown here
        String foreignFleet = new McpSessionIds(
                        new ReplicaSecrets("another-fleet-key-0123456789abcdef0123", null)
                                .derive(McpSessionIds.KEY_PURPOSE),
                        Duration.ofHours(24),
                        Clock.systemUTC())
                .mint(ALICE);
        assertThat(list(token, foreignFleet, "2025-11-25").statusCode()).isEqualTo(404);
    }

    @Test
    void foreignOriginIs403AndLocalOriginPasses() {
        String token = connector.token(ALICE);
        HttpResponse<String> evil = connector.post(token, Map.of("Origin", "http://evil.example.com"), """
                {"jsonrpc":"2.0","id":1,"method":"initialize","params":{"protocolVersion":"2025-11-25",
                 "capabilities":{},"clientInfo":{"name":"x","version":"1"}}}""".getBytes());
        assertThat(evil.statusCode()).isEqualTo(403);
        HttpResponse<String> local = connector.post(token, Map.of("Origin", "http://localhost:6274"), """
                {"jsonrpc":"2.0","id":1,"method":"initialize","params":{"protocolVersion":"2025-11-25",
                 "capabilities":{},"clientInfo":{"name":"x","version":"1"}}}""".getBytes());
        assertThat(local.statusCode()).isEqualTo(200);
    }

    @Test
    void bodyOverTheCapIs413() {
        byte[] huge = ("{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"tools/list\",\"params\":{\"pad\":\""
                        + "x".repeat(300_000) + "\"}}")
                .getBytes();
        HttpResponse<String> r = connector.post(connector.token(ALICE), Map.of(), huge);
        assertThat(r.statusCode()).isEqualTo(413);
        assertThat(r.body()).contains("Request body larger than 262144 bytes");
    }
}
