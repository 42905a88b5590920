package io.lakegate.e2e.clients;

import static org.assertj.core.api.Assertions.assertThat;

import io.lakegate.e2e.support.ConnectorProcess;
import io.lakegate.e2e.support.ExternalCommand;
import io.lakegate.e2e.support.PythonTools;
import io.lakegate.e2e.support.ReplicaFront;
import io.lakegate.emulator.DatabricksEmulator;
import io.lakegate.emulator.EmulatorConfig;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The official Python MCP SDK ({@code mcp} 2.3.0 from PyPI) against two connector processes behind a front that
 * sends every request, {@code /mcp} included, to the next replica in turn: in its stateless 2026-07-28 mode, in
 * legacy mode (initialize handshake, session id, GET stream probe) and in auto mode (server/discover probe), each
 * making 20 tool calls; the same for fastmcp 4.x's {@code Client}. The connectors run in the local-development identity mode with an emulator-issued bearer
 * (both clients sign in through the consent and identity provider pages in {@code SignInClientsTest}).
 */
class PythonSdkClientTest {

    static final int CALLS = 20;
    static final JsonMapper JSON = JsonMapper.builder().build();

    @TempDir
    static Path work;

    static DatabricksEmulator emulator;
    static ConnectorProcess a;
    static ConnectorProcess b;
    static ReplicaFront front;
    static int frontPort;

    @BeforeAll
    static void startSystem() throws Exception {
        emulator = DatabricksEmulator.start(EmulatorConfig.defaults());
        Path registry = work.resolve("workspaces.json");
        Files.writeString(registry, """
                {"workspaces":[{"name":"demo","host":"%s","cloud":"azure","identity":{"mode":"dev-token"}}]}
                """.formatted(emulator.baseUrl()));
        Map<String, String> env = Map.of(
                "LAKEGATE_WORKSPACES_FILE", registry.toString(),
                "LAKEGATE_AUTH_MODE", "dev-emulator-token",
                // what the replicas share instead of memory: the key that signs handshake-era session ids
                "LAKEGATE_MCP_SESSIONKEY", "python-sdk-test-fleet-session-key-0123456789",
                "LAKEGATE_RATELIMIT_USER_FLEETLIMIT", "100000",
                "LAKEGATE_RATELIMIT_CLIENT_FLEETLIMIT", "100000");
        a = ConnectorProcess.start(
                ConnectorProcess.freePort(), env, List.of(), Files.createDirectories(work.resolve("a")));
        b = ConnectorProcess.start(
                ConnectorProcess.freePort(), env, List.of(), Files.createDirectories(work.resolve("b")));
        frontPort = ConnectorProcess.freePort();
        front = new ReplicaFront(frontPort, List.of(a.baseUrl(), b.baseUrl()));
    }

    @AfterAll
    static void stopSystem() {
        if (front != null) {
            front.close();
        }
        for (ConnectorProcess c : new ConnectorProcess[] {a, b}) {
            if (c != null) {
                c.close();
            }
        }
        if (emulator != null) {
            emulator.close();
        }
    }

    @Test
    void pythonSdkMakesTwentyCallsInEachModeWithoutAnErrorAcrossReplicas() {
        runInEachMode(PythonTools.MCP_SDK, "mcp_client.py");
    }

    @Test
    void fastmcpMakesTwentyCallsInEachModeWithoutAnErrorAcrossReplicas() {
        runInEachMode(PythonTools.FASTMCP, "fastmcp_client.py");
    }

    private static void runInEachMode(String requirement, String script) {
        Path venv = PythonTools.venv(requirement, Duration.ofMinutes(10));
        String url = "http://127.0.0.1:" + frontPort + "/mcp";
        ExternalCommand.Result run = PythonTools.runScript(
                venv,
                script,
                List.of(url, String.valueOf(CALLS), "2026-07-28", "legacy", "auto"),
                Map.of("LAKEGATE_TOKEN", emulator.issueToken("alice@lakegate.dev")),
                work.resolve("python"),
                Duration.ofMinutes(10));
        assertThat(run.succeeded()).as(run.output()).isTrue();
        List<JsonNode> reports = run.output()
                .lines()
                .filter(l -> l.startsWith("MCP-CLIENT "))
                .map(l -> JSON.readTree(l.substring("MCP-CLIENT ".length())))
                .toList();
        assertThat(reports).as(run.output()).hasSize(3);
        for (JsonNode report : reports) {
            System.out.println(requirement + ": " + report);
            assertThat(report.path("errors").asInt(-1)).as(report.toString()).isZero();
            assertThat(report.path("ok").asInt()).as(report.toString()).isEqualTo(CALLS);
            assertThat(report.path("tools").asInt()).as(report.toString()).isEqualTo(12);
        }
        assertThat(reports.get(0).path("protocol").asString()).isEqualTo("2026-07-28");
        assertThat(reports.get(1).path("protocol").asString()).isEqualTo("2025-11-25");
        assertThat(reports.get(2).path("protocol").asString())
                .as("auto finds the stateless lane")
                .isEqualTo("2026-07-28");
        // the front spread the MCP traffic over both replicas
        assertThat(front.routed().stream()
                        .filter(r -> r.path().equals("/mcp"))
                        .map(ReplicaFront.Routed::replica)
                        .distinct()
                        .count())
                .isEqualTo(2);
    }
}
