package io.lakegate.connector.oauth;

import static io.lakegate.connector.oauth.ProxyTestClient.json;
import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The proxy's consent page (MCP security best practices, confused deputy): every user is sent upstream as one static
 * client, so the proxy asks the user itself whether this MCP client may act as them before it forwards anything.
 */
class OAuthProxyConsentTest {

    static final String OTHER_REDIRECT_URI = "http://127.0.0.1:9/other-callback";

    static ProxyConnector proxy;

    @BeforeAll
    static void start() {
        proxy = ProxyConnector.start(Map.of(
                // every test registers its own client from 127.0.0.1 within seconds, far above the 10 a minute allowed
                "lakegate.oauth-proxy.rate-limits.register", "1000"));
    }

    @AfterAll
    static void stop() {
        if (proxy != null) {
            proxy.close();
        }
    }

    /** A client as a hostile registration could name itself, with two redirect URIs. */
    static String register(ProxyTestClient browser, String name) {
        HttpResponse<String> r = browser.postJson(OAuthPaths.REGISTER, """
                {"client_name":%s,"redirect_uris":["%s","%s"]}""".formatted(
                ProxyTestClient.JSON.writeValueAsString(name), ProxyTestClient.REDIRECT_URI, OTHER_REDIRECT_URI));
        assertThat(r.statusCode()).as(r.body()).isEqualTo(201);
        return json(r).get("client_id").asString();
    }

    static String authorizeUrl(ProxyTestClient browser, String clientId, String redirectUri) {
        return browser.authorizeUrl(
                clientId,
                Map.of(
                        "redirect_uri",
                        redirectUri,
                        "code_challenge",
                        ProxyTestClient.Pkce.create().challenge(),
                        "code_challenge_method",
                        "S256"));
    }

    static String location(HttpResponse<String> r) {
        return r.headers()
                .firstValue("Location")
                .orElseThrow(() -> new AssertionError(r.statusCode() + " " + r.body()));
    }

    static List<String> setCookies(HttpResponse<String> r, String name) {
        return r.headers().allValues("Set-Cookie").stream()
                .filter(c -> c.startsWith(name + "="))
                .toList();
    }

    @Test
    void authorizeShowsAConsentPageNamingTheClientEscapedAndUnframeable() {
        ProxyTestClient browser = new ProxyTestClient(proxy.issuer);
        String hostile = "<script>alert('x')</script>\"><img src=x onerror=alert(1)>&";
        String clientId = register(browser, hostile);
        HttpResponse<String> page = browser.get(authorizeUrl(browser, clientId, ProxyTestClient.REDIRECT_URI));

        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.headers().firstValue("Location")).isEmpty();
        assertThat(page.headers().firstValue("Content-Type").orElse("")).startsWith("text/html");
        assertThat(page.headers().firstValue("Content-Security-Policy").orElse(""))
                .contains("default-src 'none'", "style-src 'unsafe-inline'", "frame-ancestors 'none'")
                // Chrome would apply it to the redirects after Approve (to the IdP, then to the client) and block them
                .doesNotContain("form-action");
        assertThat(page.headers().firstValue("X-Frame-Options")).contains("DENY");
        assertThat(page.headers().firstValue("Cache-Control").orElse("")).contains("no-store");
        assertThat(page.body())
                .doesNotContain("<script", "<img")
                .contains(
                        "&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;&quot;&gt;&lt;img src=x onerror=alert(1)&gt;&amp;")
                .contains(clientId, ">127.0.0.1:9<", "<code>mcp:tools</code>", "Databricks <strong>as you</strong>")
                // what the scope allows, in words, not only its id
                .contains("Use Lakegate&#39;s tools as you: see and query the Databricks data you can read")
                .contains("action=\"/oauth/consent\"", "value=\"approve\"", "value=\"deny\"");
        assertThat(setCookies(page, RememberedConsent.CSRF_COOKIE))
                .singleElement()
                .satisfies(c -> assertThat(c.toLowerCase())
                        .contains("path=/oauth", "httponly", "samesite=strict")
                        .doesNotContain("secure", "max-age"));
        // nothing has gone upstream yet
        assertThat(page.body()).doesNotContain("lakegate-upstream-client");
    }

    @Test
    void withoutANameThePageNamesTheClientId() {
        ProxyTestClient browser = new ProxyTestClient(proxy.issuer);
        HttpResponse<String> r =
                browser.postJson(OAuthPaths.REGISTER, "{\"redirect_uris\":[\"" + ProxyTestClient.REDIRECT_URI + "\"]}");
        String clientId = json(r).get("client_id").asString();
        String body = browser.get(authorizeUrl(browser, clientId, ProxyTestClient.REDIRECT_URI))
                .body();
        assertThat(body).contains("<span class=\"who\">" + clientId + "</span>");
    }

    @Test
    void approveSendsTheUserUpstreamAndTheSignInCompletes() {
        ProxyTestClient browser = new ProxyTestClient(proxy.issuer);
        String clientId = register(browser, "Approved App");
        ProxyTestClient.Pkce pkce = ProxyTestClient.Pkce.create();
        String authorize = browser.authorizeUrl(
                clientId, Map.of("code_challenge", pkce.challenge(), "code_challenge_method", "S256"));
        ProxyTestClient.ConsentForm form = browser.consentPage(authorize);
        assertThat(form.action()).isEqualTo(proxy.issuer + OAuthPaths.CONSENT);

        HttpResponse<String> approved = browser.answer(form.action(), form, "approve");
        assertThat(approved.statusCode()).as(approved.body()).isEqualTo(302);
        Map<String, String> upstream = ProxyTestClient.query(location(approved));
        assertThat(upstream)
                .containsEntry("client_id", "lakegate-upstream-client")
                .containsEntry("redirect_uri", proxy.issuer + OAuthPaths.CALLBACK)
                .containsKey("state");
        assertThat(upstream.get("state"))
                .as("the upstream state is not the id shown in the page")
                .isNotEqualTo(form.fields().get("pending"));
        assertThat(setCookies(approved, RememberedConsent.COOKIE))
                .singleElement()
                .satisfies(c -> assertThat(c.toLowerCase())
                        .contains("path=/oauth", "httponly", "samesite=lax", "max-age=2592000")
                        .doesNotContain("secure"));

        proxy.idp.nextSignInAs("oid-alice", "alice@lakegate.dev");
        Map<String, String> back = browser.signIn(location(approved));
        assertThat(back)
                .containsEntry("state", "st+ate/1=")
                .containsEntry("iss", proxy.issuer)
                .containsKey("code");
        HttpResponse<String> token = browser.redeem(clientId, back.get("code"), pkce.verifier());
        assertThat(token.statusCode()).as(token.body()).isEqualTo(200);
    }

    @Test
    void denyReturnsAccessDeniedWithTheClientsState() {
        ProxyTestClient browser = new ProxyTestClient(proxy.issuer);
        String clientId = register(browser, "Denied App");
        ProxyTestClient.ConsentForm form = browser.consentPage(authorizeUrl(browser, clientId, OTHER_REDIRECT_URI));
        HttpResponse<String> denied = browser.answer(form.action(), form, "deny");
        assertThat(denied.statusCode()).isEqualTo(302);
        assertThat(location(denied)).startsWith(OTHER_REDIRECT_URI + "?");
        assertThat(ProxyTestClient.query(location(denied)))
                .containsEntry("error", "access_denied")
                .containsEntry("state", "st+ate/1=")
                .containsEntry("iss", proxy.issuer);
        assertThat(setCookies(denied, RememberedConsent.COOKIE)).isEmpty();
        // nothing remembered: the next authorize asks again
        assertThat(browser.get(authorizeUrl(browser, clientId, OTHER_REDIRECT_URI))
                        .statusCode())
                .isEqualTo(200);
    }

    @Test
    void aWrongCsrfTokenIsA400AndUsesTheSignInUp() {
        ProxyTestClient browser = new ProxyTestClient(proxy.issuer);
        String clientId = register(browser, "App");
        ProxyTestClient.ConsentForm form =
                browser.consentPage(authorizeUrl(browser, clientId, ProxyTestClient.REDIRECT_URI));

        HttpResponse<String> forged = browser.answer(form.action(), form.with("csrf", RandomTokens.next()), "approve");
        assertThat(forged.statusCode()).isEqualTo(400);
        assertThat(forged.headers().firstValue("Location")).isEmpty();
        assertThat(forged.headers().firstValue("Content-Type").orElse("")).startsWith("text/html");
        assertThat(forged.body())
                .contains(
                        "Sign-in not continued",
                        "The consent form did not come from this browser",
                        "start the sign-in again from the application");
        HttpResponse<String> thenRight = browser.answer(form.action(), form, "approve");
        assertThat(thenRight.statusCode()).isEqualTo(400);
        assertThat(thenRight.headers().firstValue("Location")).isEmpty();
    }

    @Test
    void anApprovalPostedFromAnotherBrowserIsRefused() {
        // the attacker loads the page for his own pending sign-in and makes the victim's browser post its form
        ProxyTestClient attacker = new ProxyTestClient(proxy.issuer);
        ProxyTestClient victim = new ProxyTestClient(proxy.issuer);
        victim.consentPage(authorizeUrl(victim, register(victim, "Victim's App"), ProxyTestClient.REDIRECT_URI));
        String clientId = register(attacker, "Evil App");
        ProxyTestClient.ConsentForm form =
                attacker.consentPage(authorizeUrl(attacker, clientId, ProxyTestClient.REDIRECT_URI));

        HttpResponse<String> r = victim.answer(form.action(), form, "approve");
        assertThat(r.statusCode()).isEqualTo(400);
        assertThat(r.headers().firstValue("Location")).isEmpty();
    }

    @Test
    void aReplayedApprovalIsA400() {
        ProxyTestClient browser = new ProxyTestClient(proxy.issuer);
        String clientId = register(browser, "App");
        ProxyTestClient.ConsentForm form =
                browser.consentPage(authorizeUrl(browser, clientId, ProxyTestClient.REDIRECT_URI));
        assertThat(browser.answer(form.action(), form, "approve").statusCode()).isEqualTo(302);
        HttpResponse<String> replay = browser.answer(form.action(), form, "approve");
        assertThat(replay.statusCode()).isEqualTo(400);
        assertThat(replay.headers().firstValue("Location")).isEmpty();
        HttpResponse<String> denyAfter = browser.answer(form.action(), form, "deny");
        assertThat(denyAfter.statusCode()).isEqualTo(400);
    }

    @Test
    void unknownPendingIdMissingFieldsOrNoDecisionAreA400() {
        ProxyTestClient browser = new ProxyTestClient(proxy.issuer);
        String clientId = register(browser, "App");
        ProxyTestClient.ConsentForm form =
                browser.consentPage(authorizeUrl(browser, clientId, ProxyTestClient.REDIRECT_URI));
        assertThat(browser.answer(form.action(), form.with("pending", RandomTokens.next()), "approve")
                        .statusCode())
                .isEqualTo(400);
        assertThat(browser.answer(form.action(), new ProxyTestClient.ConsentForm(form.action(), Map.of()), "approve")
                        .statusCode())
                .isEqualTo(400);
        assertThat(browser.answer(form.action(), form, null).statusCode()).isEqualTo(400);
    }

    @Test
    void theCallbackRefusesASignInNobodyConsentedTo() {
        ProxyTestClient browser = new ProxyTestClient(proxy.issuer);
        String clientId = register(browser, "App");
        ProxyTestClient.ConsentForm form =
                browser.consentPage(authorizeUrl(browser, clientId, ProxyTestClient.REDIRECT_URI));
        HttpResponse<String> r = browser.get(proxy.issuer + OAuthPaths.CALLBACK + "?code=x&state="
                + ProxyTestClient.enc(form.fields().get("pending")));
        assertThat(r.statusCode()).isEqualTo(400);
        assertThat(r.headers().firstValue("Location")).isEmpty();
    }

    @Test
    void aRememberedConsentSkipsThePageOnlyForThatClientAndRedirectUri() {
        ProxyTestClient browser = new ProxyTestClient(proxy.issuer);
        String clientId = register(browser, "Remembered App");
        String other = register(browser, "Other App");
        ProxyTestClient.ConsentForm form =
                browser.consentPage(authorizeUrl(browser, clientId, ProxyTestClient.REDIRECT_URI));
        assertThat(browser.answer(form.action(), form, "approve").statusCode()).isEqualTo(302);

        HttpResponse<String> again = browser.get(authorizeUrl(browser, clientId, ProxyTestClient.REDIRECT_URI));
        assertThat(again.statusCode())
                .as("the same client and redirect URI go straight upstream")
                .isEqualTo(302);
        assertThat(ProxyTestClient.query(location(again))).containsEntry("client_id", "lakegate-upstream-client");
        proxy.idp.nextSignInAs("oid-alice", "alice@lakegate.dev");
        assertThat(browser.signIn(location(again))).containsKey("code");

        assertThat(browser.get(authorizeUrl(browser, clientId, OTHER_REDIRECT_URI))
                        .statusCode())
                .as("another redirect URI of the same client")
                .isEqualTo(200);
        assertThat(browser.get(authorizeUrl(browser, other, ProxyTestClient.REDIRECT_URI))
                        .statusCode())
                .as("another client")
                .isEqualTo(200);
        ProxyTestClient otherBrowser = new ProxyTestClient(proxy.issuer);
        assertThat(otherBrowser
                        .get(authorizeUrl(otherBrowser, clientId, ProxyTestClient.REDIRECT_URI))
                        .statusCode())
                .as("another browser")
                .isEqualTo(200);

        // approving a second client keeps the first one's consent
        ProxyTestClient.ConsentForm second =
                browser.consentPage(authorizeUrl(browser, other, ProxyTestClient.REDIRECT_URI));
        assertThat(browser.answer(second.action(), second, "approve").statusCode())
                .isEqualTo(302);
        assertThat(browser.get(authorizeUrl(browser, clientId, ProxyTestClient.REDIRECT_URI))
                        .statusCode())
                .isEqualTo(302);
        assertThat(browser.get(authorizeUrl(browser, other, ProxyTestClient.REDIRECT_URI))
                        .statusCode())
                .isEqualTo(302);
    }

    @Test
    void aForgedConsentCookieDoesNotSkipThePage() {
        ProxyTestClient browser = new ProxyTestClient(proxy.issuer);
        String clientId = register(browser, "App");
        String url = authorizeUrl(browser, clientId, ProxyTestClient.REDIRECT_URI);
        HttpResponse<String> r = browser.send(java.net.http.HttpRequest.newBuilder(java.net.URI.create(url))
                .header(
                        "Cookie",
                        RememberedConsent.COOKIE + "=" + RandomTokens.next().substring(0, 22) + "."
                                + ProxyTestClient.enc(clientId))
                .GET()
                .build());
        assertThat(r.statusCode()).isEqualTo(200);
    }

    static HttpResponse<String> getAsBrowser(ProxyTestClient browser, String url) {
        return browser.send(java.net.http.HttpRequest.newBuilder(java.net.URI.create(url))
                .header("Accept", "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8")
                .GET()
                .build());
    }

    @Test
    void aBrowserLandingOnAnAuthorizeErrorGetsASmallPageInWordsAndProgramsStillGetJson() {
        ProxyTestClient browser = new ProxyTestClient(proxy.issuer);
        String url = authorizeUrl(browser, "no-such-client", ProxyTestClient.REDIRECT_URI);

        HttpResponse<String> page = getAsBrowser(browser, url);
        assertThat(page.statusCode()).isEqualTo(400);
        assertThat(page.headers().firstValue("Location")).isEmpty();
        assertThat(page.headers().firstValue("Content-Type").orElse("")).startsWith("text/html");
        assertThat(page.headers().firstValue("Content-Security-Policy").orElse(""))
                .contains("default-src 'none'");
        assertThat(page.body())
                .contains(
                        "Sign-in not continued",
                        "client_id is unknown here",
                        "start the sign-in again from the application",
                        "<code>invalid_client</code>")
                .doesNotContain("<link", "<script", "src=", "http://", "https://", "{\"error\"");

        HttpResponse<String> program = browser.get(url);
        assertThat(program.statusCode()).isEqualTo(400);
        assertThat(json(program).get("error").asString()).isEqualTo("invalid_client");
    }

    @Test
    void aBrowserSentBackWithAForgedStateGetsAPageToo() {
        ProxyTestClient browser = new ProxyTestClient(proxy.issuer);
        HttpResponse<String> page = getAsBrowser(browser, proxy.issuer + OAuthPaths.CALLBACK + "?code=x&state=forged");
        assertThat(page.statusCode()).isEqualTo(400);
        assertThat(page.headers().firstValue("Content-Type").orElse("")).startsWith("text/html");
        assertThat(page.body())
                .contains("This sign-in is unknown, expired or already completed", "<code>invalid_request</code>");
    }

    @Test
    void theConsentPageShowsWhereTheUserGoesBackToWithItsPort() {
        assertThat(ConsentPage.hostAndPort(java.net.URI.create("http://127.0.0.1:6274/oauth/callback")))
                .isEqualTo("127.0.0.1:6274");
        assertThat(ConsentPage.hostAndPort(java.net.URI.create("http://localhost:33418/cb")))
                .isEqualTo("localhost:33418");
        assertThat(ConsentPage.hostAndPort(java.net.URI.create("https://claude.ai/api/mcp/auth_callback")))
                .isEqualTo("claude.ai");
        assertThat(ConsentPage.hostAndPort(java.net.URI.create("cursor://anysphere.cursor-mcp/oauth/callback")))
                .isEqualTo("anysphere.cursor-mcp");
    }

    @Test
    void theToolScopesAreDescribedInWordsUnderTheirConfiguredNames() {
        io.lakegate.connector.auth.AuthProperties auth = new io.lakegate.connector.auth.AuthProperties(
                "oauth",
                null,
                null,
                null,
                null,
                null,
                null,
                List.of("lakegate.mcp"),
                new io.lakegate.connector.auth.AuthProperties.ToolScopeNames(null, null, "custom.sql"),
                null,
                null,
                null);
        List<ScopeWords.Described> described = ScopeWords.of(auth)
                .describe(List.of("lakegate.mcp", "lakegate.discovery", "lakegate.genie", "custom.sql", "unheard.of"));
        assertThat(described)
                .extracting(ScopeWords.Described::words)
                .satisfiesExactly(
                        w -> assertThat(w).contains("Connect to Lakegate as you"),
                        w -> assertThat(w).contains("catalogs, schemas, tables"),
                        w -> assertThat(w).contains("Genie"),
                        w -> assertThat(w).contains("read-only SQL"),
                        w -> assertThat(w).isNull());
    }
}
