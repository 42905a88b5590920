package io.lakegate.e2e.clients;

import static org.assertj.core.api.Assertions.assertThat;

import io.lakegate.demo.idp.DemoIdentityProvider;
import io.lakegate.e2e.support.ConnectorProcess;
import io.lakegate.e2e.support.DynamoDbLocalServer;
import io.lakegate.e2e.support.ExternalCommand;
import io.lakegate.e2e.support.NodeTools;
import io.lakegate.e2e.support.PythonTools;
import io.lakegate.e2e.support.SignInBrowser;
import io.lakegate.emulator.DatabricksEmulator;
import io.lakegate.emulator.EmulatorConfig;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPairGenerator;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Real MCP clients, each starting from nothing but the connector's URL and signing in through the OAuth proxy as a
 * user would, then making {@value #CALLS} tool calls that Databricks answers as that user, with no error. The user's
 * browser is {@link SignInBrowser}: each client opens the authorization URL with its own hook, and the browser
 * approves on the connector's consent page and signs in on the identity provider's page (the demo's: mock-oauth2-server
 * playing Entra ID with a sign-in form), then brings the code back to the client. One connector jar in the
 * operator-rendered {@code auth.oauthProxy} configuration with the DynamoDB token store (DynamoDB Local), a
 * token-federation workspace on the emulator; all clients share it.
 */
class SignInClientsTest {

    static final int CALLS = 20;
    static final String API = "api://lakegate";
    static final String USER = "alice@lakegate.dev";
    static final JsonMapper JSON = JsonMapper.builder().build();

    @TempDir
    static Path work;

    static DatabricksEmulator emulator;
    static DemoIdentityProvider idp;
    static DynamoDbLocalServer dynamo;
    static ConnectorProcess connector;
    static SignInBrowser browser;

    @BeforeAll
    static void startSystem() throws Exception {
        emulator = DatabricksEmulator.start(EmulatorConfig.defaults());
        idp = DemoIdentityProvider.start("127.0.0.1", 0, API, Map.of(USER, "analyst"));
        emulator.trustIssuer(idp.issuer(), idp.jwksUri(), API);
        dynamo = DynamoDbLocalServer.start();
        int port = ConnectorProcess.freePort();
        String publicUrl = "http://127.0.0.1:" + port;
        Path dir = Files.createDirectories(work.resolve("connector"));
        Path registry = dir.resolve("workspaces.json");
        Files.writeString(registry, """
                {"workspaces":[{"name":"fed","host":"%s","cloud":"aws","identity":{"mode":"federation"}}]}
                """.formatted(emulator.baseUrl()));
        // what the operator renders for an McpConnector with auth.oauthProxy and a DynamoDB token store
        Map<String, String> env = new LinkedHashMap<>();
        env.put("LAKEGATE_WORKSPACES_FILE", registry.toString());
        env.put("LAKEGATE_AUTH_MODE", "oauth");
        env.put("LAKEGATE_AUTH_ISSUER", publicUrl);
        env.put("LAKEGATE_AUTH_RESOURCE", publicUrl + "/mcp");
        env.put("LAKEGATE_AUTH_JWKSETURI", publicUrl + "/oauth/jwks");
        env.put("LAKEGATE_OAUTHPROXY_ENABLED", "true");
        env.put("LAKEGATE_OAUTHPROXY_ISSUER", publicUrl);
        env.put("LAKEGATE_OAUTHPROXY_RESOURCE", publicUrl + "/mcp");
        env.put("LAKEGATE_OAUTHPROXY_UPSTREAM_AUTHORIZATIONENDPOINT", idp.authorizationEndpoint());
        env.put("LAKEGATE_OAUTHPROXY_UPSTREAM_TOKENENDPOINT", idp.tokenEndpoint());
        env.put("LAKEGATE_OAUTHPROXY_UPSTREAM_CLIENTID", "lakegate-upstream-client");
        env.put("LAKEGATE_OAUTHPROXY_UPSTREAM_CLIENTSECRET", "upstream-secret");
        env.put("LAKEGATE_OAUTHPROXY_UPSTREAM_SCOPES", "openid,profile,offline_access," + API + "/user_impersonation");
        env.put("LAKEGATE_OAUTHPROXY_SIGNINGKEY", signingKey());
        env.put("LAKEGATE_TOKENSTORE_TYPE", "dynamodb");
        env.put("LAKEGATE_TOKENSTORE_TABLE", "lakegate-oauth-clients");
        env.put("LAKEGATE_TOKENSTORE_REGION", "eu-west-1");
        env.put("LAKEGATE_TOKENSTORE_ENDPOINT", dynamo.endpoint());
        env.put("LAKEGATE_TOKENSTORE_ENCRYPTIONKEY", encryptionKey());
        env.put("LAKEGATE_TOKENSTORE_CREATETABLE", "true"); // DynamoDB Local starts empty; production tables exist
        env.put("AWS_ACCESS_KEY_ID", "local");
        env.put("AWS_SECRET_ACCESS_KEY", "local");
        // every client's calls are one user's: the per-user limit is not what this test is about
        env.put("LAKEGATE_RATELIMIT_USER_FLEETLIMIT", "100000");
        env.put("LAKEGATE_RATELIMIT_CLIENT_FLEETLIMIT", "100000");
        // each test asserts Databricks saw its client's calls: no result shared from the previous test's identical call
        env.put("LAKEGATE_DEDUP_ENABLED", "false");
        connector = ConnectorProcess.start(port, env, List.of(), dir);
        browser = new SignInBrowser(USER, work);
    }

    @AfterAll
    static void stopSystem() {
        for (AutoCloseable c : new AutoCloseable[] {browser, connector, dynamo, idp, emulator}) {
            if (c != null) {
                try {
                    c.close();
                } catch (Exception e) {
                    System.err.println("closing " + c + ": " + e);
                }
            }
        }
    }

    @BeforeEach
    void clearEmulatorLog() {
        emulator.clearRequests();
    }

    @Test
    void pythonSdkSignsInWithItsOAuthClientProviderInEachMode() {
        int before = browser.signIns().size();
        ExternalCommand.Result run = PythonTools.runScript(
                PythonTools.venv(PythonTools.MCP_SDK, Duration.ofMinutes(10)),
                "mcp_oauth_client.py",
                List.of(connector.mcpUrl(), String.valueOf(CALLS), browser.openUrl(), "2026-07-28", "auto", "legacy"),
                Map.of(),
                work.resolve("python-mcp"),
                Duration.ofMinutes(8));
        List<JsonNode> reports = reports(PythonTools.MCP_SDK, run, 3);
        assertThat(reports.get(0).path("protocol").asString()).isEqualTo("2026-07-28");
        assertThat(reports.get(1).path("protocol").asString())
                .as("auto finds the stateless lane")
                .isEqualTo("2026-07-28");
        assertThat(reports.get(2).path("protocol").asString()).isEqualTo("2025-11-25");
        for (JsonNode report : reports) {
            assertThat(report.path("sign_ins").asInt())
                    .as("each mode signs in afresh: " + report)
                    .isEqualTo(1);
        }
        assertSignedInThroughThePages(before, 3);
        assertDatabricksSawOnlyTheUser();
    }

    @Test
    void fastmcpSignsInWithAuthOauth() {
        int before = browser.signIns().size();
        ExternalCommand.Result run = PythonTools.runScript(
                PythonTools.venv(PythonTools.FASTMCP, Duration.ofMinutes(10)),
                "fastmcp_oauth_client.py",
                List.of(connector.mcpUrl(), String.valueOf(CALLS)),
                pythonOpenerEnvironment("fastmcp"),
                work.resolve("fastmcp"),
                Duration.ofMinutes(6));
        reports(PythonTools.FASTMCP, run, 1);
        assertSignedInThroughThePages(before, 1);
        assertDatabricksSawOnlyTheUser();
        assertThat(browser.signIns().get(before).deliveredStatus())
                .as("fastmcp's callback listener took the code")
                .isEqualTo(200);
    }

    @Test
    void typeScriptSdkSignsIn() {
        int before = browser.signIns().size();
        ExternalCommand.Result run = NodeTools.nodeScript(
                work.resolve("ts-sdk"),
                resource("/ts-sign-in-client.mjs"),
                List.of(NodeTools.TYPESCRIPT_SDK),
                List.of("sdk", connector.mcpUrl(), String.valueOf(CALLS), browser.openUrl(), "legacy"),
                Map.of(),
                Duration.ofMinutes(5));
        JsonNode report = reports(NodeTools.TYPESCRIPT_SDK, run, 1).get(0);
        assertThat(report.path("sign_ins").asInt()).isEqualTo(1);
        assertSignedInThroughThePages(before, 1);
        assertDatabricksSawOnlyTheUser();
    }

    @Test
    void typeScriptV2ClientSignsInInEachMode() {
        int before = browser.signIns().size();
        List<String> protocols = new ArrayList<>();
        for (String mode : List.of("2026-07-28", "auto", "legacy")) {
            // one directory: the package is installed once for the three runs
            ExternalCommand.Result run = NodeTools.nodeScript(
                    work.resolve("ts-client-v2"),
                    resource("/ts-sign-in-client.mjs"),
                    List.of(NodeTools.TYPESCRIPT_CLIENT_V2),
                    List.of("client", connector.mcpUrl(), String.valueOf(CALLS), browser.openUrl(), mode),
                    Map.of(),
                    Duration.ofMinutes(5));
            JsonNode report = reports(NodeTools.TYPESCRIPT_CLIENT_V2, run, 1).get(0);
            assertThat(report.path("sign_ins").asInt()).isEqualTo(1);
            protocols.add(report.path("protocol").asString());
        }
        assertThat(protocols).containsExactly("2026-07-28", "2026-07-28", "2025-11-25");
        assertSignedInThroughThePages(before, 3);
        assertDatabricksSawOnlyTheUser();
    }

    @Test
    void mcpRemoteBridgesAStdioClientAfterSigningIn() throws Exception {
        int before = browser.signIns().size();
        Map<String, String> env = new LinkedHashMap<>(browser.openerEnvironment());
        env.put(
                "MCP_REMOTE_CONFIG_DIR",
                Files.createDirectories(work.resolve("mcp-remote-config")).toString());
        ExternalCommand.Result run = NodeTools.nodeScript(
                work.resolve("mcp-remote"),
                resource("/mcp-remote-client.mjs"),
                List.of(NodeTools.TYPESCRIPT_SDK, NodeTools.MCP_REMOTE),
                List.of(connector.mcpUrl(), String.valueOf(CALLS), String.valueOf(ConnectorProcess.freePort())),
                env,
                Duration.ofMinutes(5));
        reports(NodeTools.MCP_REMOTE, run, 1);
        assertSignedInThroughThePages(before, 1);
        assertDatabricksSawOnlyTheUser();
        assertThat(browser.signIns().get(before).deliveredStatus())
                .as("mcp-remote's callback listener took the code")
                .isEqualTo(200);
    }

    /**
     * The Inspector CLI runs one method per invocation, so it signs in once (the first invocation finds no stored
     * sign-in, runs the interactive flow headless: its opener reaches the test's browser, its callback listener takes
     * the code, the tokens go to its file store) and the second invocation makes the calls with the stored sign-in,
     * as its docs suggest for non-interactive runs ({@code --stored-auth-only}), using its own load mode, once in
     * each protocol era.
     */
    @Test
    void inspectorCliSignsInOnceAndCallsWithTheStoredSignIn() throws Exception {
        int before = browser.signIns().size();
        Path dir = Files.createDirectories(work.resolve("inspector"));
        Map<String, String> env = new LinkedHashMap<>(browser.openerEnvironment());
        env.put("HOME", Files.createDirectories(dir.resolve("home")).toString());
        env.put("MCP_AUTO_OPEN_ENABLED", "true"); // no TTY: open the browser rather than ask on the terminal
        env.put("MCP_INSPECTOR_SECRET_STORE", "file"); // no keyring on a build machine; the second run reads it
        String callback = "http://127.0.0.1:" + ConnectorProcess.freePort() + "/oauth/callback";
        Path listed = dir.resolve("tools-list.json");
        ExternalCommand.Result signIn = NodeTools.npx(
                NodeTools.INSPECTOR,
                "mcp-inspector",
                List.of(
                        "--cli",
                        connector.mcpUrl(),
                        "--transport",
                        "http",
                        "--callback-url",
                        callback,
                        "--method",
                        "tools/list",
                        "--format",
                        "json",
                        "--output",
                        listed.toString()),
                dir,
                env,
                Duration.ofMinutes(4));
        assertThat(signIn.succeeded()).as(signIn.output()).isTrue();
        assertThat(JSON.readTree(listed.toFile()).findValue("tools").size())
                .as(Files.readString(listed))
                .isEqualTo(12);
        assertSignedInThroughThePages(before, 1);
        assertThat(browser.signIns().get(before).deliveredStatus())
                .as("the Inspector's callback listener took the code")
                .isEqualTo(200);

        // --load prints its summary on stdout (it refuses --output); both protocol eras, each with the stored sign-in
        for (String era : List.of("legacy", "modern")) {
            ExternalCommand.Result calls = NodeTools.npx(
                    NodeTools.INSPECTOR,
                    "mcp-inspector",
                    List.of(
                            "--cli",
                            connector.mcpUrl(),
                            "--transport",
                            "http",
                            "--stored-auth-only",
                            "--protocol-era",
                            era,
                            "--method",
                            "tools/call",
                            "--tool-name",
                            "list_catalogs",
                            "--load",
                            "--load-requests",
                            String.valueOf(CALLS),
                            "--load-concurrency",
                            "1",
                            "--format",
                            "json"),
                    dir,
                    env,
                    Duration.ofMinutes(4));
            assertThat(calls.succeeded()).as(calls.output()).isTrue();
            JsonNode summary = calls.output()
                    .lines()
                    .filter(l -> l.startsWith("{\"result\":"))
                    .findFirst()
                    .map(l -> JSON.readTree(l).path("result"))
                    .orElseThrow(() -> new AssertionError(calls.output()));
            System.out.println("signed-in client " + NodeTools.INSPECTOR + " (" + era + "): " + summary);
            assertThat(summary.path("requests").asInt()).as(summary.toString()).isEqualTo(CALLS);
            assertThat(summary.path("ok").asInt()).as(summary.toString()).isEqualTo(CALLS);
            assertThat(summary.path("errors").asInt(-1)
                            + summary.path("toolErrors").asInt(-1))
                    .as(summary.toString())
                    .isZero();
        }
        assertThat(browser.signIns()).as("the calls used the stored sign-in").hasSize(before + 1);
        assertDatabricksSawOnlyTheUser();
    }

    private static Map<String, String> pythonOpenerEnvironment(String name) {
        Map<String, String> env = new LinkedHashMap<>(browser.openerEnvironment());
        // fastmcp keeps tokens in memory by default; a home of its own keeps any ~/.fastmcp of the machine out
        env.put("HOME", work.resolve("home-" + name).toString());
        return env;
    }

    /** The client's MCP-CLIENT lines: as many as expected, each with every call answered and none failed. */
    private static List<JsonNode> reports(String client, ExternalCommand.Result run, int expected) {
        assertThat(run.timedOut()).as(run.output()).isFalse();
        List<JsonNode> reports = run.output()
                .lines()
                .filter(l -> l.startsWith("MCP-CLIENT "))
                .map(l -> JSON.readTree(l.substring("MCP-CLIENT ".length())))
                .toList();
        assertThat(reports).as(run.output()).hasSize(expected);
        for (JsonNode report : reports) {
            System.out.println("signed-in client " + client + ": " + report);
            assertThat(report.path("errors").asInt(-1))
                    .as(report + "\n" + run.output())
                    .isZero();
            assertThat(report.path("ok").asInt()).as(report.toString()).isEqualTo(CALLS);
            assertThat(report.path("tools").asInt()).as(report.toString()).isEqualTo(12);
        }
        return reports;
    }

    /**
     * The browser walked {@code count} new sign-ins, each through the consent page and the identity provider's page.
     */
    private static void assertSignedInThroughThePages(int before, int count) {
        List<SignInBrowser.SignIn> signIns =
                browser.signIns().subList(before, browser.signIns().size());
        assertThat(signIns).hasSize(count);
        for (SignInBrowser.SignIn signIn : signIns) {
            assertThat(signIn.failure()).as(signIn.steps().toString()).isNull();
            assertThat(signIn.steps())
                    .as("consent, then the identity provider's sign-in page")
                    .anyMatch(s -> s.startsWith("approving on the consent page"))
                    .anyMatch(s -> s.startsWith("signing in as " + USER + " at ") && s.endsWith(":" + idp.port()));
        }
    }

    /** Databricks saw calls, each as the user who signed in on the identity provider's page. */
    private static void assertDatabricksSawOnlyTheUser() {
        assertThat(emulator.requests())
                .filteredOn(r -> r.path().startsWith("/api/2.1/unity-catalog"))
                .isNotEmpty()
                .allMatch(r -> USER.equals(r.user()));
    }

    static String resource(String name) {
        try (var in = SignInClientsTest.class.getResourceAsStream(name)) {
            return new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static String encryptionKey() {
        byte[] key = new byte[32];
        new SecureRandom().nextBytes(key);
        return Base64.getEncoder().encodeToString(key);
    }

    private static String signingKey() throws Exception {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
        generator.initialize(2048);
        return Base64.getEncoder()
                .encodeToString(generator.generateKeyPair().getPrivate().getEncoded());
    }
}
