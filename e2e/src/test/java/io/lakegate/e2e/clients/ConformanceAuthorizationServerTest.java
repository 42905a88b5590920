package io.lakegate.e2e.clients;

import static org.assertj.core.api.Assertions.assertThat;

import io.lakegate.e2e.support.ConformanceResults;
import io.lakegate.e2e.support.ConnectorProcess;
import io.lakegate.e2e.support.DynamoDbLocalServer;
import io.lakegate.e2e.support.NodeTools;
import io.lakegate.emulator.DatabricksEmulator;
import io.lakegate.emulator.EmulatorConfig;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.CookieManager;
import java.net.CookiePolicy;
import java.net.InetAddress;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
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
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import no.nav.security.mock.oauth2.MockOAuth2Server;
import no.nav.security.mock.oauth2.token.DefaultOAuth2TokenCallback;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The conformance suite's authorization-server scenarios ({@code conformance authorization}: the RFC 8414 metadata
 * endpoint, and the authorization-code grant with PKCE S256, {@code state} and RFC 9207 {@code iss}) against the
 * connector's OAuth proxy, wired as the operator renders {@code auth.oauthProxy}: the DynamoDB token store on DynamoDB
 * Local, mock-oauth2-server as the upstream identity provider (Entra), a token-federation workspace on the emulator.
 * The suite prints the authorization URL and waits for its own loopback callback; this test plays the user's browser
 * in between (follows the redirects, approves the connector's consent page, passes the identity provider).
 */
class ConformanceAuthorizationServerTest {

    static final String IDP = "aad";
    static final String API = "api://lakegate";
    static final JsonMapper JSON = JsonMapper.builder().build();
    static final Duration SUITE_TIMEOUT = Duration.ofMinutes(4);

    @TempDir
    static Path work;

    static DatabricksEmulator emulator;
    static MockOAuth2Server idp;
    static DynamoDbLocalServer dynamo;
    static ConnectorProcess connector;

    @BeforeAll
    static void startSystem() throws Exception {
        emulator = DatabricksEmulator.start(EmulatorConfig.defaults());
        idp = new MockOAuth2Server();
        idp.start(InetAddress.getByName("127.0.0.1"), 0);
        emulator.trustIssuer(idp.issuerUrl(IDP).toString(), idp.jwksUrl(IDP).toString(), API);
        dynamo = DynamoDbLocalServer.start();

        int port = ConnectorProcess.freePort();
        String publicUrl = "http://127.0.0.1:" + port;
        Path registry = work.resolve("workspaces.json");
        Files.writeString(registry, """
                {"workspaces":[{"name":"fed","host":"%s","cloud":"aws","identity":{"mode":"federation"}}]}
                """.formatted(emulator.baseUrl()));
        Map<String, String> env = new LinkedHashMap<>();
        env.put("LAKEGATE_WORKSPACES_FILE", registry.toString());
        env.put("LAKEGATE_AUTH_MODE", "oauth");
        env.put("LAKEGATE_AUTH_ISSUER", publicUrl);
        env.put("LAKEGATE_AUTH_RESOURCE", publicUrl + "/mcp");
        env.put("LAKEGATE_AUTH_JWKSETURI", publicUrl + "/oauth/jwks");
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
        env.put("LAKEGATE_OAUTHPROXY_SIGNINGKEY", signingKey());
        env.put("LAKEGATE_TOKENSTORE_TYPE", "dynamodb");
        env.put("LAKEGATE_TOKENSTORE_TABLE", "lakegate-oauth-conformance");
        env.put("LAKEGATE_TOKENSTORE_REGION", "eu-west-1");
        env.put("LAKEGATE_TOKENSTORE_ENDPOINT", dynamo.endpoint());
        env.put("LAKEGATE_TOKENSTORE_ENCRYPTIONKEY", encryptionKey());
        env.put("LAKEGATE_TOKENSTORE_CREATETABLE", "true"); // DynamoDB Local starts empty; production tables exist
        env.put("AWS_ACCESS_KEY_ID", "local");
        env.put("AWS_SECRET_ACCESS_KEY", "local");
        connector = ConnectorProcess.start(port, env, List.of(), work);
    }

    @AfterAll
    static void stopSystem() {
        if (connector != null) {
            connector.close();
        }
        if (idp != null) {
            idp.shutdown();
        }
        if (dynamo != null) {
            dynamo.close();
        }
        if (emulator != null) {
            emulator.close();
        }
    }

    @Test
    void authorizationServerScenariosPassAgainstTheOAuthProxy() throws Exception {
        int callbackPort = ConnectorProcess.freePort();
        String redirectUri = "http://127.0.0.1:" + callbackPort + "/callback";
        String clientId = register(redirectUri);
        // the user who signs in at the identity provider (mock-oauth2-server approves the next request as her)
        idp.enqueueCallback(new DefaultOAuth2TokenCallback(
                IDP,
                "sub-alice",
                "JWT",
                List.of(API),
                Map.of("oid", "oid-alice", "preferred_username", "alice@lakegate.dev"),
                3600));

        // no --scenario: the suite runs the metadata scenario, then the grant on the metadata it found
        Path results = work.resolve("conformance-authorization");
        Process suite = NodeTools.npxProcess(
                        NodeTools.CONFORMANCE_2026,
                        "conformance",
                        List.of(
                                "authorization",
                                "--url",
                                connector.baseUrl(),
                                "--client-id",
                                clientId,
                                "--resource",
                                connector.mcpUrl(),
                                "--port",
                                String.valueOf(callbackPort),
                                "-o",
                                results.toString()),
                        work)
                .start();
        StringBuilder output = new StringBuilder();
        BlockingQueue<String> lines = new LinkedBlockingQueue<>();
        Thread pump = new Thread(() -> pump(suite, lines, output), "conformance-authorization-output");
        pump.setDaemon(true);
        pump.start();
        try {
            String authorizationUrl =
                    awaitLine(suite, lines, l -> l.startsWith(connector.baseUrl() + "/oauth/authorize?"), output);
            List<String> hops = browse(authorizationUrl, redirectUri);
            assertThat(suite.waitFor(SUITE_TIMEOUT.toSeconds(), TimeUnit.SECONDS))
                    .as("suite finished: " + output)
                    .isTrue();
            pump.join(5_000);
            String text;
            synchronized (output) {
                text = output.toString();
            }
            System.out.println("conformance authorization (OAuth proxy): browser hops " + hops + "\n" + text);
            assertThat(suite.exitValue()).as(text).isZero();
            // per check: a SHOULD (the CIMD advertisement) is only a WARNING, which the exit code lets pass
            Map<String, List<JsonNode>> checks = ConformanceResults.read(results, "authorization-server");
            assertThat(checks)
                    .as(text)
                    .containsOnlyKeys("authorization-server-metadata-endpoint", "authorization-code-grant");
            List<String> ids = new ArrayList<>();
            checks.values()
                    .forEach(list -> list.forEach(c -> {
                        ids.add(c.path("id").asString());
                        assertThat(c.path("status").asString())
                                .as(ConformanceResults.describe(c))
                                .isEqualTo("SUCCESS");
                    }));
            assertThat(ids)
                    .containsExactlyInAnyOrder(
                            "authorization-server-metadata",
                            "authorization-server-metadata-cimd",
                            "authorization-code-grant");
        } finally {
            suite.descendants().forEach(ProcessHandle::destroyForcibly);
            suite.destroyForcibly();
        }
    }

    /** Dynamic client registration of the suite's loopback redirect URI, as a public (PKCE-only) client. */
    private static String register(String redirectUri) throws Exception {
        HttpClient http = HttpClient.newHttpClient();
        JsonNode metadata = JSON.readTree(http.send(
                        HttpRequest.newBuilder(
                                        URI.create(connector.baseUrl() + "/.well-known/oauth-authorization-server"))
                                .build(),
                        HttpResponse.BodyHandlers.ofString())
                .body());
        String body = JSON.writeValueAsString(Map.of(
                "client_name",
                "mcp-conformance",
                "redirect_uris",
                List.of(redirectUri),
                "grant_types",
                List.of("authorization_code", "refresh_token"),
                "response_types",
                List.of("code"),
                "token_endpoint_auth_method",
                "none"));
        HttpResponse<String> registered = http.send(
                HttpRequest.newBuilder(URI.create(
                                metadata.path("registration_endpoint").asString()))
                        .header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString(body))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(registered.statusCode()).as(registered.body()).isEqualTo(201);
        return JSON.readTree(registered.body()).path("client_id").asString();
    }

    /**
     * The user's browser: follows redirects by hand with a cookie jar, approves the connector's consent page, and
     * delivers the final redirect to the suite's callback server. Returns the origins it passed through.
     */
    private static List<String> browse(String authorizationUrl, String redirectUri) throws Exception {
        HttpClient browser = HttpClient.newBuilder()
                .followRedirects(HttpClient.Redirect.NEVER)
                .cookieHandler(new CookieManager(null, CookiePolicy.ACCEPT_ALL))
                .connectTimeout(Duration.ofSeconds(5))
                .build();
        List<String> hops = new ArrayList<>();
        HttpRequest request = HttpRequest.newBuilder(URI.create(authorizationUrl))
                .timeout(Duration.ofSeconds(30))
                .build();
        for (int hop = 0; hop < 10; hop++) {
            HttpResponse<String> response = request.uri().toString().startsWith(redirectUri)
                    ? deliver(browser, request)
                    : browser.send(request, HttpResponse.BodyHandlers.ofString());
            hops.add(request.uri().getScheme() + "://" + request.uri().getAuthority()
                    + request.uri().getPath());
            if (request.uri().toString().startsWith(redirectUri)) {
                assertThat(response.statusCode())
                        .as("the suite's callback server took the redirect")
                        .isEqualTo(200);
                return hops;
            }
            var location = response.headers().firstValue("Location");
            if (location.isPresent()) {
                request = HttpRequest.newBuilder(request.uri().resolve(location.get()))
                        .timeout(Duration.ofSeconds(30))
                        .build();
                continue;
            }
            assertThat(response.statusCode())
                    .as("sign-in hop %d: %s", hop, response.body())
                    .isEqualTo(200);
            request = approve(request.uri(), response.body());
        }
        throw new AssertionError("no redirect back to the suite after 10 hops: " + hops);
    }

    /**
     * The last hop, to the suite's callback server: it starts listening while it prints the URL, so a browser this
     * quick may knock before it is bound; a refused connection is tried again, at most 20 times.
     */
    private static HttpResponse<String> deliver(HttpClient browser, HttpRequest request) throws Exception {
        for (int attempt = 1; ; attempt++) {
            try {
                return browser.send(request, HttpResponse.BodyHandlers.ofString());
            } catch (java.net.ConnectException refused) {
                if (attempt == 20) {
                    throw refused;
                }
                Thread.sleep(250);
            }
        }
    }

    /** Presses Approve on the consent page: posts its form (action, hidden fields) with decision=approve. */
    private static HttpRequest approve(URI page, String html) {
        Matcher action = Pattern.compile("<form\\s+method=\"post\"\\s+action=\"([^\"]*)\"")
                .matcher(html);
        assertThat(action.find()).as("a consent form in " + html).isTrue();
        StringBuilder form = new StringBuilder();
        Matcher hidden = Pattern.compile("<input type=\"hidden\" name=\"([^\"]*)\" value=\"([^\"]*)\">")
                .matcher(html);
        while (hidden.find()) {
            form.append(encode(unescape(hidden.group(1))))
                    .append('=')
                    .append(encode(unescape(hidden.group(2))))
                    .append('&');
        }
        form.append("decision=approve");
        return HttpRequest.newBuilder(page.resolve(unescape(action.group(1))))
                .timeout(Duration.ofSeconds(30))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form.toString()))
                .build();
    }

    private static String unescape(String s) {
        return s.replace("&lt;", "<")
                .replace("&gt;", ">")
                .replace("&quot;", "\"")
                .replace("&#39;", "'")
                .replace("&amp;", "&");
    }

    private static String encode(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }

    private static void pump(Process process, BlockingQueue<String> lines, StringBuilder output) {
        try (BufferedReader reader =
                new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
            for (String line; (line = reader.readLine()) != null; ) {
                synchronized (output) {
                    output.append(line).append('\n');
                }
                lines.add(line.strip());
            }
        } catch (IOException ended) {
            // the process was ended; what was read is kept
        }
    }

    /** The first output line matching {@code wanted}, within the suite's time bound (npx may install first). */
    private static String awaitLine(
            Process suite,
            BlockingQueue<String> lines,
            java.util.function.Predicate<String> wanted,
            StringBuilder output)
            throws InterruptedException {
        long deadline = System.nanoTime() + SUITE_TIMEOUT.toNanos();
        while (System.nanoTime() < deadline) {
            String line = lines.poll(1, TimeUnit.SECONDS);
            if (line != null && wanted.test(line)) {
                return line;
            }
            if (line == null && !suite.isAlive()) {
                break;
            }
        }
        synchronized (output) {
            throw new AssertionError("the suite printed no authorization URL:\n" + output);
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
