package io.lakegate.e2e.clients;

import static org.assertj.core.api.Assertions.assertThat;

import io.lakegate.e2e.support.ConnectorProcess;
import io.lakegate.e2e.support.DynamoDbLocalServer;
import io.lakegate.e2e.support.ReplicaFront;
import io.lakegate.e2e.support.TypeScriptOAuthClient;
import io.lakegate.emulator.DatabricksEmulator;
import io.lakegate.emulator.EmulatorConfig;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPairGenerator;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import no.nav.security.mock.oauth2.MockOAuth2Server;
import no.nav.security.mock.oauth2.token.DefaultOAuth2TokenCallback;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The official TypeScript SDK signs in with nothing but the connector's URL and calls a tool that Databricks answers
 * as the signed-in user. The connector jar runs as a process configured with exactly the environment variables the
 * operator renders for an McpConnector with {@code auth.oauthProxy} (docs/architecture.md), in front of
 * mock-oauth2-server playing the upstream identity provider, with a token-federation workspace; once with the
 * in-memory token store and once with the DynamoDB one (DynamoDB Local, upstream tokens sealed under a key).
 */
class TypeScriptSdkSignInTest {

    static final String IDP = "aad";
    static final String API = "api://lakegate";

    @TempDir
    static Path work;

    static DatabricksEmulator emulator;
    static MockOAuth2Server idp;

    static DynamoDbLocalServer dynamo;

    @BeforeAll
    static void startSystem() throws Exception {
        emulator = DatabricksEmulator.start(EmulatorConfig.defaults());
        idp = new MockOAuth2Server();
        idp.start(InetAddress.getByName("127.0.0.1"), 0);
        emulator.trustIssuer(idp.issuerUrl(IDP).toString(), idp.jwksUrl(IDP).toString(), API);
        dynamo = DynamoDbLocalServer.start();
    }

    /** A single connector, its own public URL. */
    static ConnectorProcess startConnector(String store) throws Exception {
        int port = ConnectorProcess.freePort();
        return startConnector(store, port, "http://127.0.0.1:" + port, signingKey(), encryptionKey());
    }

    /**
     * A connector replica with exactly the variables the operator renders for auth.oauthProxy and the given token
     * store; replicas of one fleet share the public URL, the signing key and the token store with its key.
     */
    static ConnectorProcess startConnector(
            String store, int port, String publicUrl, String signingKey, String encryptionKey) throws Exception {
        Path dir = Files.createDirectories(work.resolve(store + "-" + port));
        Path registry = dir.resolve("workspaces.json");
        Files.writeString(registry, """
                {"workspaces":[{"name":"fed","host":"%s","cloud":"aws","identity":{"mode":"federation"}}]}
                """.formatted(emulator.baseUrl()));
        Map<String, String> env = new LinkedHashMap<>();
        env.put("LAKEGATE_WORKSPACES_FILE", registry.toString());
        env.put("LAKEGATE_AUTH_MODE", "oauth");
        env.put("LAKEGATE_AUTH_ISSUER", publicUrl);
        env.put("LAKEGATE_AUTH_RESOURCE", publicUrl + "/mcp");
        env.put("LAKEGATE_AUTH_JWKSETURI", "http://127.0.0.1:" + port + "/oauth/jwks"); // the pod's own port
        env.put("LAKEGATE_OAUTHPROXY_ENABLED", "true");
        env.put("LAKEGATE_OAUTHPROXY_ISSUER", publicUrl);
        env.put("LAKEGATE_OAUTHPROXY_RESOURCE", publicUrl + "/mcp");
        env.put(
                "LAKEGATE_OAUTHPROXY_UPSTREAM_AUTHORIZATIONENDPOINT",
                idp.authorizationEndpointUrl(IDP).toString());
        env.put(
                "LAKEGATE_OAUTHPROXY_UPSTREAM_TOKENENDPOINT",
                idp.tokenEndpointUrl(IDP).toString());
        env.put("LAKEGATE_OAUTHPROXY_UPSTREAM_CLIENTID", "lakegate-upstream-client");
        env.put("LAKEGATE_OAUTHPROXY_UPSTREAM_CLIENTSECRET", "upstream-secret");
        env.put("LAKEGATE_OAUTHPROXY_UPSTREAM_SCOPES", "openid,profile,offline_access," + API + "/user_impersonation");
        env.put("LAKEGATE_OAUTHPROXY_SIGNINGKEY", signingKey);
        env.put("LAKEGATE_TOKENSTORE_TYPE", store);
        if (store.equals("dynamodb")) {
            env.put("LAKEGATE_TOKENSTORE_TABLE", "lakegate-oauth-e2e");
            env.put("LAKEGATE_TOKENSTORE_REGION", "eu-west-1");
            env.put("LAKEGATE_TOKENSTORE_ENDPOINT", dynamo.endpoint());
            env.put("LAKEGATE_TOKENSTORE_ENCRYPTIONKEY", encryptionKey);
            env.put("LAKEGATE_TOKENSTORE_CREATETABLE", "true"); // DynamoDB Local starts empty; production tables exist
            env.put("AWS_ACCESS_KEY_ID", "local");
            env.put("AWS_SECRET_ACCESS_KEY", "local");
        }
        return ConnectorProcess.start(port, env, List.of(), dir);
    }

    @AfterAll
    static void stopSystem() throws Exception {
        if (idp != null) {
            idp.shutdown();
        }
        if (emulator != null) {
            emulator.close();
        }
        if (dynamo != null) {
            dynamo.close();
        }
    }

    @ParameterizedTest(name = "token store {0}")
    @ValueSource(strings = {"memory", "dynamodb"})
    void typeScriptSdkSignsInWithOnlyTheUrlAndDatabricksAnswersAsTheUser(String store) throws Exception {
        try (ConnectorProcess connector = startConnector(store)) {
            signInAndCall(connector, store);
        }
    }

    @Test
    void signInStartedOnOneReplicaCompletesOnTheOther() throws Exception {
        int frontPort = ConnectorProcess.freePort();
        String publicUrl = "http://127.0.0.1:" + frontPort;
        String signingKey = signingKey();
        String encryptionKey = encryptionKey();
        try (ConnectorProcess a =
                        startConnector("dynamodb", ConnectorProcess.freePort(), publicUrl, signingKey, encryptionKey);
                ConnectorProcess b =
                        startConnector("dynamodb", ConnectorProcess.freePort(), publicUrl, signingKey, encryptionKey);
                ReplicaFront front = new ReplicaFront(frontPort, List.of(a.baseUrl(), b.baseUrl()))) {
            TypeScriptOAuthClient.Result catalogs =
                    runClient(publicUrl + "/mcp", publicUrl, "two-replicas").result(0);
            assertThat(catalogs.isError()).as(catalogs.text()).isFalse();
            assertThat(catalogs.text()).contains("sales", "marketing");
            int authorizedOn = servedBy(front, "/oauth/authorize");
            int consentedOn = servedBy(front, "/oauth/consent");
            int calledBackOn = servedBy(front, "/oauth/callback");
            assertThat(consentedOn)
                    .as("the approval reached the other replica, which found the sign-in in DynamoDB")
                    .isNotEqualTo(authorizedOn);
            assertThat(calledBackOn)
                    .as("the callback reached the other replica, which found the approved sign-in")
                    .isNotEqualTo(consentedOn);
            System.out.printf(
                    "typescript sdk sign-in across replicas: authorize on replica %d, consent on replica %d,"
                            + " callback on replica %d, token on replica %d%n",
                    authorizedOn, consentedOn, calledBackOn, servedBy(front, "/oauth/token"));
        }
    }

    private static int servedBy(ReplicaFront front, String path) {
        return front.routed().stream()
                .filter(r -> r.path().equals(path))
                .reduce((x, y) -> y)
                .orElseThrow()
                .replica();
    }

    private static void signInAndCall(ConnectorProcess connector, String store) {
        TypeScriptOAuthClient.Run run = runClient(connector.mcpUrl(), connector.baseUrl(), store);
        assertThat(run.result(0).isError()).as(run.result(0).text()).isFalse();
        assertThat(run.result(0).text()).contains("sales", "marketing");
        assertThat(connector.logText()).doesNotContain("upstream-secret");
        System.out.printf(
                "typescript sdk sign-in (%s token store): %d sign-in hops, %d tools, list_catalogs as alice%n",
                store, run.signInHops().size(), run.tools().size());
    }

    /** Runs the TypeScript client against {@code mcpUrl} as alice; checks the flow and that Databricks saw only her. */
    private static TypeScriptOAuthClient.Run runClient(String mcpUrl, String connectorUrl, String label) {
        // the user who signs in at the identity provider (mock-oauth2-server approves the next request as her)
        idp.enqueueCallback(new DefaultOAuth2TokenCallback(
                IDP,
                "sub-alice",
                "JWT",
                List.of(API),
                Map.of("oid", "oid-alice", "preferred_username", "alice@lakegate.dev"),
                3600));
        emulator.clearRequests();

        TypeScriptOAuthClient.Run run = TypeScriptOAuthClient.run(
                work.resolve("ts-oauth-" + label),
                mcpUrl,
                List.of(new TypeScriptOAuthClient.Call("list_catalogs", Map.of())),
                null);
        assertThat(run.challenged())
                .as("the first request was answered with 401")
                .isTrue();
        assertThat(run.registeredClient()).as("dynamic client registration").isNotBlank();
        assertThat(run.consentPages())
                .as("the connector asked the user before sending her upstream")
                .isEqualTo(1);
        assertThat(run.signInHops())
                .as("authorize went upstream and came back via the callback")
                .contains(idp.baseUrl().toString().replaceAll("/$", ""))
                .contains(connectorUrl);
        assertThat(run.tools()).hasSize(12);
        // Databricks saw alice (through token federation of the upstream token), and only alice
        assertThat(emulator.requests())
                .filteredOn(r -> r.path().startsWith("/api/2.1/unity-catalog"))
                .isNotEmpty()
                .allMatch(r -> "alice@lakegate.dev".equals(r.user()));
        return run;
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
