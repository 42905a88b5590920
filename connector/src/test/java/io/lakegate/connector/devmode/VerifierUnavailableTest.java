package io.lakegate.connector.devmode;

import static org.assertj.core.api.Assertions.assertThat;

import io.lakegate.connector.testsupport.ConnectorHarness;
import io.lakegate.emulator.DatabricksEmulator;
import io.lakegate.emulator.EmulatorConfig;
import java.net.http.HttpResponse;
import java.util.Map;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The dev mode's token verifier (the emulator) gone: a token the connector has not verified before cannot be judged,
 * which is the server's temporary problem, answered 503 with Retry-After and a JSON-RPC error, not a 500 (Spring
 * Security rethrows a verifier failure by default) and not a 401 (the client would sign in again for nothing).
 */
class VerifierUnavailableTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final byte[] INITIALIZE = """
            {"jsonrpc":"2.0","id":7,"method":"initialize","params":{"protocolVersion":"2025-11-25",
             "capabilities":{},"clientInfo":{"name":"verifier-test","version":"1"}}}""".getBytes();

    @Test
    void anUnverifiedTokenIsAnsweredServiceUnavailableWhileTheVerifierIsDown() {
        DatabricksEmulator emulator = DatabricksEmulator.start(EmulatorConfig.defaults());
        boolean emulatorStopped = false;
        try (ConnectorHarness connector = ConnectorHarness.start(emulator, Map.of())) {
            String verifiedBefore = connector.token(ConnectorHarness.ALICE);
            String neverSeen = connector.token(ConnectorHarness.BOB);
            assertThat(connector.post(verifiedBefore, Map.of(), INITIALIZE).statusCode())
                    .isEqualTo(200);
            assertThat(connector.post("not-a-token", Map.of(), INITIALIZE).statusCode())
                    .as("a token the verifier refuses is the client's problem")
                    .isEqualTo(401);

            emulator.close();
            emulatorStopped = true;

            HttpResponse<String> answer = connector.post(neverSeen, Map.of(), INITIALIZE);
            assertThat(answer.statusCode()).isEqualTo(503);
            assertThat(answer.headers().firstValue("Retry-After")).hasValue("5");
            JsonNode body = JSON.readTree(answer.body());
            assertThat(body.path("jsonrpc").asString()).isEqualTo("2.0");
            assertThat(body.path("error").path("code").asInt()).isEqualTo(-32000);
            assertThat(body.path("error").path("data").path("error").asString()).isEqualTo("temporarily_unavailable");
            assertThat(answer.body()).doesNotContain("Exception", "stackTrace", neverSeen);
        } finally {
            if (!emulatorStopped) {
                emulator.close();
            }
        }
    }
}
