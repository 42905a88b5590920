package io.lakegate.demo.idp;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import no.nav.security.mock.oauth2.MockOAuth2Server;
import no.nav.security.mock.oauth2.OAuth2Config;
import no.nav.security.mock.oauth2.http.OAuth2HttpRequest;
import no.nav.security.mock.oauth2.http.OAuth2HttpResponse;
import no.nav.security.mock.oauth2.http.Route;
import okhttp3.Headers;

/**
 * The demo's identity provider: mock-oauth2-server playing Entra ID, with Lakegate's own sign-in page in front of its
 * interactive login. mock-oauth2-server's page accepts any user name (a typo such as {@code alise@...} signs in, and
 * every Databricks call then fails with invalid_grant because the workspace knows no such user) and loads web fonts
 * from the internet. This page names the demo users, refuses anyone else with a message on the page, and loads
 * nothing. A known user's answer goes on to mock-oauth2-server unchanged, which signs them in with their name as
 * {@code sub}; tokens carry {@code aud} = the API the workspace's federation policy trusts.
 */
public final class DemoIdentityProvider implements AutoCloseable {

    /** What Entra ID's tenant issuer is in production; the path segment of every endpoint. */
    public static final String ISSUER_ID = "entra";

    private final MockOAuth2Server server;

    private DemoIdentityProvider(MockOAuth2Server server) {
        this.server = server;
    }

    /**
     * @param users the demo users, user name to a short description shown next to it (in this order)
     * @param port 0 for an OS-chosen port
     */
    public static DemoIdentityProvider start(String host, int port, String audience, Map<String, String> users) {
        if (users.isEmpty()) {
            throw new IllegalArgumentException("at least one demo user is needed");
        }
        Map<String, String> known = new LinkedHashMap<>(users);
        MockOAuth2Server server =
                new MockOAuth2Server(OAuth2Config.Companion.fromJson(config(audience)), new SignInRoute(known));
        try {
            server.start(InetAddress.getByName(host), port);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return new DemoIdentityProvider(server);
    }

    // interactiveLogin: the authorize endpoint signs in whoever the login form names (after SignInRoute let it through)
    private static String config(String audience) {
        String aud = audience.replace("\\", "\\\\").replace("\"", "\\\"");
        return "{\"interactiveLogin\":true,\"tokenCallbacks\":[{\"issuerId\":\"" + ISSUER_ID
                + "\",\"tokenExpiry\":3600,"
                + "\"requestMappings\":[{\"requestParam\":\"grant_type\",\"match\":\"*\",\"claims\":{\"aud\":[\""
                + aud + "\"]}}]}]}";
    }

    public String issuer() {
        return server.issuerUrl(ISSUER_ID).toString();
    }

    public String authorizationEndpoint() {
        return server.authorizationEndpointUrl(ISSUER_ID).toString();
    }

    public String tokenEndpoint() {
        return server.tokenEndpointUrl(ISSUER_ID).toString();
    }

    public String jwksUri() {
        return server.jwksUrl(ISSUER_ID).toString();
    }

    public int port() {
        return server.baseUrl().port();
    }

    @Override
    public void close() {
        server.shutdown();
    }

    /**
     * Answers the authorize endpoint itself when it shows the sign-in page (GET) or refuses a user name (POST naming
     * no demo user); lets every other request through to mock-oauth2-server (routes added to it are matched first).
     */
    static final class SignInRoute implements Route {

        private final Map<String, String> users;

        SignInRoute(Map<String, String> users) {
            this.users = users;
        }

        @Override
        public boolean match(OAuth2HttpRequest request) {
            if (!isAuthorize(request)) {
                return false;
            }
            if ("GET".equals(request.getMethod())) {
                return true;
            }
            return "POST".equals(request.getMethod()) && !users.containsKey(username(request));
        }

        private static boolean isAuthorize(OAuth2HttpRequest request) {
            List<String> segments = request.getUrl().pathSegments();
            return segments.size() == 2 && ISSUER_ID.equals(segments.get(0)) && "authorize".equals(segments.get(1));
        }

        private static String username(OAuth2HttpRequest request) {
            String body = request.getBody();
            if (body == null || body.isEmpty()) {
                return null;
            }
            return request.getFormParameters().get("username");
        }

        @Override
        public OAuth2HttpResponse invoke(OAuth2HttpRequest request) {
            if ("GET".equals(request.getMethod())) {
                return page(200, SignInPage.render(users, null, null));
            }
            String typed = username(request);
            return page(
                    400,
                    SignInPage.render(
                            users,
                            typed,
                            typed == null || typed.isBlank()
                                    ? "Type one of the demo user names below."
                                    : "\u201c" + typed
                                            + "\u201d is not a demo user, so the workspace would not know who you are."
                                            + " Sign in as one of the users below."));
        }

        private static OAuth2HttpResponse page(int status, String html) {
            Headers headers = Headers.of(
                    "Content-Type",
                    "text/html; charset=utf-8",
                    "Cache-Control",
                    "no-store",
                    "Content-Security-Policy",
                    SignInPage.CSP,
                    "X-Frame-Options",
                    "DENY",
                    "X-Content-Type-Options",
                    "nosniff",
                    "Referrer-Policy",
                    "no-referrer");
            return new OAuth2HttpResponse(headers, status, html, html.getBytes(StandardCharsets.UTF_8));
        }
    }
}
