package io.lakegate.connector.auth;

import static org.assertj.core.api.Assertions.assertThat;

import io.lakegate.connector.testsupport.ConnectorHarness;
import io.lakegate.emulator.DatabricksEmulator;
import io.lakegate.emulator.EmulatorConfig;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * OAuth mode with the identity provider's key set unreachable: a bearer token whose signing key is not cached cannot
 * be judged. That is the server's temporary problem (503, Retry-After, a JSON-RPC error), not the client's (401, sign
 * in again) and never a 500: Nimbus reports the failed key fetch as an exception Spring Security does not map.
 */
class JwksUnavailableTest {

    static final String RESOURCE = "https://lakegate.example/mcp";
    static final JsonMapper JSON = JsonMapper.builder().build();
    static DatabricksEmulator emulator;
    static ConnectorHarness connector;

    @BeforeAll
    static void start() throws IOException {
        int deadPort;
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            deadPort = socket.getLocalPort();
        }
        emulator = DatabricksEmulator.start(EmulatorConfig.defaults());
        Map<String, Object> props = new LinkedHashMap<>();
        props.put("lakegate.auth.mode", "oauth");
        props.put("lakegate.auth.issuer-uri", "http://127.0.0.1:" + deadPort + "/aad");
        props.put("lakegate.auth.jwk-set-uri", "http://127.0.0.1:" + deadPort + "/aad/jwks");
        props.put("lakegate.auth.resource", RESOURCE);
        props.put("lakegate.auth.obo.authority", "https://127.0.0.1:" + deadPort + "/{tenantId}/");
        props.put("LAKEGATE_WORKSPACE_0_CLIENT_SECRET", "test-client-secret");
        props.put("lakegate.workspaces.json", """
                {"workspaces":[{"name":"azure","host":"%s","identity":{"mode":"obo","tenantId":"aad",
                  "clientId":"lakegate-app","clientSecretEnv":"LAKEGATE_WORKSPACE_0_CLIENT_SECRET"}}]}""".formatted(emulator.baseUrl()));
        connector = ConnectorHarness.start(emulator, props);
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

    @Test
    void aTokenWhoseKeysCannotBeFetchedIsAnsweredServiceUnavailable() {
        HttpResponse<String> answer =
                connector.post(unverifiableToken(), Map.of(), """
                {"jsonrpc":"2.0","id":1,"method":"initialize","params":{"protocolVersion":"2025-11-25",
                 "capabilities":{},"clientInfo":{"name":"jwks-test","version":"1"}}}""".getBytes(StandardCharsets.UTF_8));

        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(503);
        assertThat(answer.headers().firstValue("Retry-After")).hasValue("5");
        JsonNode body = JSON.readTree(answer.body());
        assertThat(body.path("error").path("data").path("error").asString()).isEqualTo("temporarily_unavailable");
        assertThat(answer.body()).doesNotContain("Exception", "stackTrace");
    }

    @Test
    void aMalformedTokenIsStillTheClientsProblem() {
        HttpResponse<String> answer = connector.post("not.a.jwt", Map.of(), """
                {"jsonrpc":"2.0","id":1,"method":"ping"}""".getBytes(StandardCharsets.UTF_8));

        assertThat(answer.statusCode()).isEqualTo(401);
        assertThat(answer.headers().firstValue("WWW-Authenticate"))
                .hasValueSatisfying(challenge -> assertThat(challenge).contains("invalid_token"));
    }

    /** Well-formed, with a key id the connector has never seen: judging it needs the key set. */
    private static String unverifiableToken() {
        Base64.Encoder b64 = Base64.getUrlEncoder().withoutPadding();
        String header = b64.encodeToString(
                "{\"alg\":\"RS256\",\"kid\":\"never-seen\",\"typ\":\"JWT\"}".getBytes(StandardCharsets.UTF_8));
        long exp = Instant.now().plusSeconds(600).getEpochSecond();
        String payload = b64.encodeToString(("{\"iss\":\"http://127.0.0.1/aad\",\"aud\":\"" + RESOURCE
                        + "\",\"sub\":\"someone\",\"exp\":" + exp + "}")
                .getBytes(StandardCharsets.UTF_8));
        return header + "." + payload + "." + b64.encodeToString(new byte[256]);
    }
}
