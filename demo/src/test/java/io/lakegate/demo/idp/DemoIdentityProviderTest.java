package io.lakegate.demo.idp;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** The demo identity provider over real HTTP: its sign-in page, who it lets sign in, and the tokens it issues. */
class DemoIdentityProviderTest {

    static final String REDIRECT_URI = "http://127.0.0.1:9/oauth/callback";
    static final Map<String, String> USERS = new LinkedHashMap<>();

    static {
        USERS.put("alice@lakegate.dev", "analyst: sales, marketing, most of finance");
        USERS.put("bob@lakegate.dev", "narrow: part of sales");
    }

    static DemoIdentityProvider idp;
    static final HttpClient http = HttpClient.newBuilder()
            .followRedirects(HttpClient.Redirect.NEVER)
            .connectTimeout(Duration.ofSeconds(5))
            .build();

    @BeforeAll
    static void start() {
        idp = DemoIdentityProvider.start("127.0.0.1", 0, "api://lakegate", USERS);
    }

    @AfterAll
    static void stop() {
        if (idp != null) {
            idp.close();
        }
    }

    @Test
    void theSignInPageNamesTheDemoUsersAndLoadsNothing() throws Exception {
        HttpResponse<String> page = send(HttpRequest.newBuilder(authorizeUrl()).GET());

        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.headers().firstValue("Content-Type"))
                .hasValueSatisfying(v -> assertThat(v).startsWith("text/html"));
        assertThat(page.headers().firstValue("Content-Security-Policy"))
                .hasValueSatisfying(v -> assertThat(v).contains("default-src 'none'"));
        assertThat(page.body())
                .contains(
                        "alice@lakegate.dev",
                        "analyst: sales, marketing, most of finance",
                        "bob@lakegate.dev",
                        "narrow: part of sales",
                        "name=\"username\"");
        // nothing fetched from anywhere: no stylesheet links, scripts, images, fonts or CSS imports
        assertThat(page.body().toLowerCase())
                .doesNotContain("<link", "<script", "src=", "@import", "url(", "http://", "https://", "//fonts");
    }

    @Test
    void aMistypedUserIsRefusedOnThePageAndNotSignedIn() throws Exception {
        HttpResponse<String> refused = signIn("alise@lakegate.dev");

        assertThat(refused.statusCode()).isEqualTo(400);
        assertThat(refused.headers().firstValue("Location")).isEmpty();
        assertThat(refused.body())
                .contains(
                        "\u201calise@lakegate.dev\u201d is not a demo user",
                        "alice@lakegate.dev",
                        "value=\"alise@lakegate.dev\"");
    }

    @Test
    void whatTheUserTypedIsEscapedOnTheRefusal() throws Exception {
        HttpResponse<String> refused = signIn("<img src=x onerror=alert(1)>\"");

        assertThat(refused.statusCode()).isEqualTo(400);
        assertThat(refused.body()).doesNotContain("<img").contains("&lt;img src=x onerror=alert(1)&gt;&quot;");
    }

    @Test
    void anEmptyUserNameIsRefused() throws Exception {
        HttpResponse<String> refused = signIn("");

        assertThat(refused.statusCode()).isEqualTo(400);
        assertThat(refused.body()).contains("Type one of the demo user names");
    }

    @Test
    void aDemoUserSignsInAndGetsATokenForTheApiAsThemselves() throws Exception {
        HttpResponse<String> signedIn = signIn("alice@lakegate.dev");

        assertThat(signedIn.statusCode()).as(signedIn.body()).isEqualTo(302);
        URI back = URI.create(signedIn.headers().firstValue("Location").orElseThrow());
        assertThat(back.toString()).startsWith(REDIRECT_URI + "?").contains("state=st1");
        String code = java.util.Arrays.stream(back.getRawQuery().split("&"))
                .filter(p -> p.startsWith("code="))
                .map(p -> p.substring(5))
                .findFirst()
                .orElseThrow();

        HttpResponse<String> tokens = send(HttpRequest.newBuilder(URI.create(idp.tokenEndpoint()))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form(Map.of(
                        "grant_type",
                        "authorization_code",
                        "code",
                        code,
                        "redirect_uri",
                        REDIRECT_URI,
                        "client_id",
                        "lakegate-demo",
                        "client_secret",
                        "demo-secret")))));
        assertThat(tokens.statusCode()).as(tokens.body()).isEqualTo(200);
        String accessToken = JsonMapper.builder()
                .build()
                .readTree(tokens.body())
                .path("access_token")
                .asString();
        JsonNode claims = JsonMapper.builder()
                .build()
                .readTree(Base64.getUrlDecoder().decode(accessToken.split("\\.")[1]));
        assertThat(claims.path("sub").asString()).isEqualTo("alice@lakegate.dev");
        assertThat(claims.path("aud").toString()).contains("api://lakegate");
        assertThat(claims.path("iss").asString()).isEqualTo(idp.issuer());
    }

    private static HttpResponse<String> signIn(String username) throws Exception {
        return send(HttpRequest.newBuilder(authorizeUrl())
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form(Map.of("username", username)))));
    }

    private static URI authorizeUrl() {
        Map<String, String> q = new LinkedHashMap<>();
        q.put("response_type", "code");
        q.put("client_id", "lakegate-demo");
        q.put("redirect_uri", REDIRECT_URI);
        q.put("scope", "openid profile");
        q.put("state", "st1");
        return URI.create(idp.authorizationEndpoint() + "?" + form(q));
    }

    private static String form(Map<String, String> fields) {
        return fields.entrySet().stream()
                .map(e -> URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8) + "="
                        + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
    }

    private static HttpResponse<String> send(HttpRequest.Builder request) throws Exception {
        return http.send(request.timeout(Duration.ofSeconds(20)).build(), HttpResponse.BodyHandlers.ofString());
    }
}
