package io.lakegate.demo.check;

import io.modelcontextprotocol.client.McpClient;
import io.modelcontextprotocol.client.McpSyncClient;
import io.modelcontextprotocol.client.transport.HttpClientStreamableHttpTransport;
import io.modelcontextprotocol.spec.McpSchema.CallToolRequest;
import io.modelcontextprotocol.spec.McpSchema.CallToolResult;
import io.modelcontextprotocol.spec.McpSchema.TextContent;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * {@code ./lakegate-demo --check}: what a new user does with an MCP client and a browser, without either. Starting
 * from nothing but the MCP URL it follows the 401 to the protected-resource and authorization-server metadata,
 * registers a client, opens the authorize URL, approves on the connector's consent page, signs in as the user on the
 * identity provider's page (both by submitting the forms the pages contain, with the browser's cookies), takes the
 * code at the redirect URI, redeems it, and calls list_catalogs with the official MCP Java client. Any step that does
 * not go as in a working demo fails the check with what came back.
 */
public final class SignInCheck {

    static final JsonMapper JSON = JsonMapper.builder().build();
    // nothing listens here: the check stops at the redirect to it, as a native client's loopback listener would
    static final String REDIRECT_URI = "http://127.0.0.1:9/callback";
    private static final Pattern RESOURCE_METADATA = Pattern.compile("resource_metadata=\"([^\"]+)\"");

    private final Browser browser = new Browser();
    private final URI mcpUrl;
    private final PrintStream out;

    private SignInCheck(URI mcpUrl, PrintStream out) {
        this.mcpUrl = mcpUrl;
        this.out = out;
    }

    /** Runs the check; 0 when it passed, 1 (with the failed step on {@code err}) when not. */
    public static int run(String mcpUrl, String user, PrintStream out, PrintStream err) {
        try {
            new SignInCheck(URI.create(mcpUrl), out).signInAndList(user);
            return 0;
        } catch (CheckFailed e) {
            err.println("lakegate-demo --check FAILED: " + e.getMessage());
            return 1;
        } catch (RuntimeException e) {
            err.println("lakegate-demo --check FAILED: " + e);
            return 1;
        }
    }

    private void signInAndList(String user) {
        URI resourceMetadataUrl = challenge();
        JsonNode resource = json(browser.get(resourceMetadataUrl), "protected resource metadata");
        String advertised = resource.path("resource").asString("");
        if (!advertised.equals(mcpUrl.toString())) {
            throw new CheckFailed("the protected resource metadata names " + advertised
                    + ", not the URL the user typed (" + mcpUrl + "): MCP clients refuse that");
        }
        URI issuer = URI.create(resource.path("authorization_servers").path(0).asString(""));
        JsonNode server = json(browser.get(authorizationServerMetadata(issuer)), "authorization server metadata");
        step("found the authorization server " + issuer);

        String clientId =
                register(URI.create(server.path("registration_endpoint").asString("")));
        String verifier = randomToken();
        String state = randomToken();
        URI authorize = withQuery(
                URI.create(server.path("authorization_endpoint").asString("")),
                Map.of(
                        "response_type",
                        "code",
                        "client_id",
                        clientId,
                        "redirect_uri",
                        REDIRECT_URI,
                        "state",
                        state,
                        "code_challenge",
                        s256(verifier),
                        "code_challenge_method",
                        "S256",
                        "resource",
                        mcpUrl.toString()));
        URI back = signIn(authorize, user);
        Map<String, String> answer = query(back);
        if (answer.containsKey("error")) {
            throw new CheckFailed("the sign-in ended with error " + answer.get("error") + ": "
                    + answer.getOrDefault("error_description", ""));
        }
        if (!state.equals(answer.get("state")) || answer.get("code") == null) {
            throw new CheckFailed("the redirect back to the client lacks the code or the state: " + back);
        }
        String accessToken =
                redeem(URI.create(server.path("token_endpoint").asString("")), clientId, answer.get("code"), verifier);
        step("signed in as " + user + "; calling list_catalogs");
        listCatalogs(accessToken);
    }

    /** POST initialize without a token: a protected MCP endpoint answers 401 naming its resource metadata. */
    private URI challenge() {
        HttpResponse<String> r = browser.postJson(mcpUrl, """
                {"jsonrpc":"2.0","id":1,"method":"initialize","params":{"protocolVersion":"2025-06-18",
                "capabilities":{},"clientInfo":{"name":"lakegate-demo-check","version":"1"}}}""");
        String challenge = r.headers().firstValue("WWW-Authenticate").orElse("");
        Matcher m = RESOURCE_METADATA.matcher(challenge);
        if (r.statusCode() != 401 || !m.find()) {
            throw new CheckFailed("expected 401 with resource_metadata from the MCP endpoint, got "
                    + Browser.describe(r) + " WWW-Authenticate: " + challenge);
        }
        step("the MCP endpoint asks for sign-in (401, " + m.group(1) + ")");
        return mcpUrl.resolve(m.group(1));
    }

    /** RFC 8414 section 3: the well-known path goes between the host and the issuer's path. */
    static URI authorizationServerMetadata(URI issuer) {
        String path = issuer.getPath() == null ? "" : issuer.getPath().replaceAll("/+$", "");
        return issuer.resolve("/.well-known/oauth-authorization-server" + path);
    }

    private String register(URI endpoint) {
        HttpResponse<String> r = browser.postJson(endpoint, """
                {"client_name":"lakegate-demo --check","redirect_uris":["%s"],
                "grant_types":["authorization_code","refresh_token"],"response_types":["code"],
                "token_endpoint_auth_method":"none"}""".formatted(REDIRECT_URI));
        if (r.statusCode() != 201) {
            throw new CheckFailed("client registration: " + Browser.describe(r));
        }
        String clientId = json(r, "client registration").path("client_id").asString("");
        step("registered client " + clientId);
        return clientId;
    }

    /** From the authorize URL to the redirect back to the client, checking that the IdP refuses a typo first. */
    private URI signIn(URI authorize, String user) {
        return SignInWalk.walk(browser, authorize, user, REDIRECT_URI, this::step, form -> refusesTypo(form, user));
    }

    /**
     * A mistyped user name must be refused on the page, not signed in: the workspace knows no such user, so every
     * tool call would fail afterwards. The refusal leaves the sign-in open, so the right name can follow.
     */
    private void refusesTypo(Browser.Form form, String user) {
        String typo = "x" + user;
        Map<String, String> fields = new LinkedHashMap<>(form.fields());
        fields.put("username", typo);
        HttpResponse<String> refused = browser.postForm(form.action(), fields);
        if (refused.statusCode() != 400 || !refused.body().contains("is not a demo user")) {
            throw new CheckFailed(
                    "the identity provider did not refuse the unknown user " + typo + ": " + Browser.describe(refused));
        }
        step("the sign-in page refuses the unknown user " + typo);
    }

    private String redeem(URI tokenEndpoint, String clientId, String code, String verifier) {
        Map<String, String> form = new LinkedHashMap<>();
        form.put("grant_type", "authorization_code");
        form.put("code", code);
        form.put("redirect_uri", REDIRECT_URI);
        form.put("client_id", clientId);
        form.put("code_verifier", verifier);
        form.put("resource", mcpUrl.toString());
        HttpResponse<String> r = browser.postForm(tokenEndpoint, form);
        if (r.statusCode() != 200) {
            throw new CheckFailed("redeeming the code: " + Browser.describe(r));
        }
        String token = json(r, "token response").path("access_token").asString("");
        if (token.isEmpty()) {
            throw new CheckFailed("the token response has no access_token");
        }
        return token;
    }

    private void listCatalogs(String accessToken) {
        String origin = mcpUrl.getScheme() + "://" + mcpUrl.getRawAuthority();
        McpSyncClient client = McpClient.sync(HttpClientStreamableHttpTransport.builder(origin)
                        .endpoint(mcpUrl.getRawPath())
                        .httpRequestCustomizer(
                                (b, method, uri, body, context) -> b.header("Authorization", "Bearer " + accessToken))
                        .connectTimeout(Duration.ofSeconds(5))
                        .build())
                .requestTimeout(Duration.ofSeconds(60))
                .build();
        try {
            client.initialize();
            CallToolResult result = client.callTool(
                    CallToolRequest.builder("list_catalogs").arguments(Map.of()).build());
            String text = result.content().stream()
                    .filter(TextContent.class::isInstance)
                    .map(c -> ((TextContent) c).text())
                    .collect(Collectors.joining("\n"));
            if (Boolean.TRUE.equals(result.isError()) || text.isBlank()) {
                throw new CheckFailed("list_catalogs answered with an error: " + text);
            }
            out.println("list_catalogs as the signed-in user:");
            out.println(text);
        } finally {
            client.closeGracefully();
        }
    }

    private void step(String what) {
        out.println("  - " + what);
    }

    private static JsonNode json(HttpResponse<String> r, String what) {
        if (r.statusCode() / 100 != 2) {
            throw new CheckFailed(what + ": " + Browser.describe(r));
        }
        try {
            return JSON.readTree(r.body());
        } catch (RuntimeException e) {
            throw new CheckFailed(what + " is not JSON: " + Browser.describe(r));
        }
    }

    private static URI withQuery(URI base, Map<String, String> params) {
        return URI.create(
                base + (base.getRawQuery() == null ? "?" : "&") + Browser.encode(new LinkedHashMap<>(params)));
    }

    private static Map<String, String> query(URI uri) {
        Map<String, String> params = new LinkedHashMap<>();
        String raw = uri.getRawQuery();
        if (raw != null) {
            for (String pair : raw.split("&")) {
                int eq = pair.indexOf('=');
                params.put(decode(eq < 0 ? pair : pair.substring(0, eq)), eq < 0 ? "" : decode(pair.substring(eq + 1)));
            }
        }
        return params;
    }

    private static String decode(String s) {
        return java.net.URLDecoder.decode(s, StandardCharsets.UTF_8);
    }

    private static String randomToken() {
        byte[] bytes = new byte[32];
        new SecureRandom().nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    private static String s256(String verifier) {
        try {
            return Base64.getUrlEncoder()
                    .withoutPadding()
                    .encodeToString(
                            MessageDigest.getInstance("SHA-256").digest(verifier.getBytes(StandardCharsets.US_ASCII)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
