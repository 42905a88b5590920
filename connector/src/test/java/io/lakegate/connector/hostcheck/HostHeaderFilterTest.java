package io.lakegate.connector.hostcheck;

import static org.assertj.core.api.Assertions.assertThat;

import io.lakegate.connector.testsupport.ConnectorHarness;
import io.lakegate.emulator.DatabricksEmulator;
import io.lakegate.emulator.EmulatorConfig;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The Host check on every path of the running connector (raw sockets: the JDK client will not send a foreign Host). */
class HostHeaderFilterTest {

    static DatabricksEmulator emulator;
    static ConnectorHarness connector;

    @BeforeAll
    static void start() {
        emulator = DatabricksEmulator.start(EmulatorConfig.defaults());
        connector = ConnectorHarness.start(
                emulator, Map.of("lakegate.oauth-proxy.resource", "https://lakegate.internal/mcp"));
    }

    @AfterAll
    static void stop() {
        connector.close();
        emulator.close();
    }

    @Test
    void hostsOfTheConfiguredUrlsTheBindAddressAndLoopbackOnly() {
        AllowedHosts hosts = AllowedHosts.of(
                List.of("https://mcp.example.com/mcp", "https://Login.Example.com:8443"),
                List.of("svc.ns.svc.cluster.local:8080", "10.1.2.3"),
                "127.0.0.1");
        assertThat(hosts.allows("mcp.example.com")).isTrue();
        assertThat(hosts.allows("MCP.example.com.:443")).isTrue();
        assertThat(hosts.allows("login.example.com:8443")).isTrue();
        assertThat(hosts.allows("svc.ns.svc.cluster.local")).isTrue();
        assertThat(hosts.allows("10.1.2.3:8080")).isTrue();
        assertThat(hosts.allows("127.0.0.1:9999")).isTrue();
        assertThat(hosts.allows("localhost:1")).isTrue();
        assertThat(hosts.allows("[::1]:8080")).isTrue();
        assertThat(hosts.allows("attacker.example")).isFalse();
        assertThat(hosts.allows("mcp.example.com.attacker.example")).isFalse();
        assertThat(hosts.allows("10.1.2.4")).isFalse();
        assertThat(hosts.allows("")).isFalse();
        assertThat(hosts.allows(null)).isFalse();
        assertThat(hosts.allows("[::1")).isFalse();
        // bound to one address: another interface's address does not name this server
        AllowedHosts bound = AllowedHosts.of(List.of(), List.of(), "192.0.2.10");
        assertThat(bound.allows("192.0.2.10:8080")).isTrue();
        assertThat(bound.allows("192.0.2.11")).isFalse();
    }

    @Test
    void everyPathRefusesAForeignHostBeforeAnythingElse() throws IOException {
        for (String path : List.of("/actuator/health", "/.well-known/oauth-protected-resource", "/nope")) {
            String refused = get(path, "attacker.example:" + connector.port);
            assertThat(refused)
                    .as(path)
                    .startsWith("HTTP/1.1 403")
                    .contains(
                            "{\"error\":\"invalid_host\",\"error_description\":\"the Host header does not name this server\"}");
        }
        // every answer on the MCP endpoint is JSON-RPC, this refusal too
        assertThat(get("/mcp", "attacker.example:" + connector.port))
                .startsWith("HTTP/1.1 403")
                .contains("{\"jsonrpc\":\"2.0\",\"id\":null,\"error\":{\"code\":-32003,"
                        + "\"message\":\"Forbidden: the Host header does not name this server\","
                        + "\"data\":{\"error\":\"invalid_host\"}}}");
        assertThat(get("/actuator/health", "127.0.0.1:" + connector.port)).startsWith("HTTP/1.1 200");
        // a second Host, whichever comes first: a proxy and this server could each have read a different one
        assertThat(get("/actuator/health", "127.0.0.1:" + connector.port + "\r\nHost: attacker.example"))
                .startsWith("HTTP/1.1 403");
        assertThat(get("/actuator/health", "attacker.example\r\nHost: 127.0.0.1:" + connector.port))
                .startsWith("HTTP/1.1 403");
        assertThat(get("/actuator/health", "localhost:" + connector.port)).startsWith("HTTP/1.1 200");
        assertThat(get("/actuator/health", "lakegate.internal:8080")).startsWith("HTTP/1.1 200");
        // the MCP endpoint still answers its own way (401 here: no bearer) for a good Host
        assertThat(get("/mcp", "127.0.0.1:" + connector.port)).doesNotContain("invalid_host");
    }

    private static String get(String path, String host) throws IOException {
        try (Socket socket = new Socket(InetAddress.getByName("127.0.0.1"), connector.port)) {
            socket.setSoTimeout(10_000);
            OutputStream out = socket.getOutputStream();
            out.write(("GET " + path + " HTTP/1.1\r\nHost: " + host + "\r\nConnection: close\r\nAccept: */*\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            out.flush();
            InputStream in = socket.getInputStream();
            ByteArrayOutputStream response = new ByteArrayOutputStream();
            byte[] buffer = new byte[8192];
            for (int n; response.size() < 1_000_000 && (n = in.read(buffer)) > 0; ) {
                response.write(buffer, 0, n);
            }
            return response.toString(StandardCharsets.UTF_8);
        }
    }
}
