package io.lakegate.connector.oauth;

import io.lakegate.connector.testsupport.ThreadDump;
import java.net.CookieManager;
import java.net.CookiePolicy;
import java.net.URI;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
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
 * An MCP client's side of the OAuth flow over real HTTP (java.net.http, redirects followed by hand, acting as the
 * browser). {@code baseUrl} is where the client talks to Lakegate; the upstream redirect decides where the callback
 * lands (the issuer's host, which may be another replica).
 */
final class ProxyTestClient {

    static final JsonMapper JSON = JsonMapper.builder().build();
    static final String REDIRECT_URI = "http://127.0.0.1:9/callback";

    /** The browser's cookies (the consent page's CSRF cookie, remembered consents); not port-specific, as in browsers. */
    final CookieManager cookies = new CookieManager(null, CookiePolicy.ACCEPT_ALL);

    final HttpClient http = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5))
            .followRedirects(HttpClient.Redirect.NEVER)
            .cookieHandler(cookies)
            .build();
    final String baseUrl;

    ProxyTestClient(String baseUrl) {
        this.baseUrl = baseUrl;
    }

    /** A PKCE pair. */
    record Pkce(String verifier, String challenge) {
        static Pkce create() {
            byte[] b = new byte[32];
            new SecureRandom().nextBytes(b);
            String verifier = Base64.getUrlEncoder().withoutPadding().encodeToString(b);
            return new Pkce(verifier, s256(verifier));
        }

        static String s256(String verifier) {
            try {
                return Base64.getUrlEncoder()
                        .withoutPadding()
                        .encodeToString(MessageDigest.getInstance("SHA-256")
                                .digest(verifier.getBytes(StandardCharsets.US_ASCII)));
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }
    }

    HttpResponse<String> get(String url) {
        return send(HttpRequest.newBuilder(URI.create(url))
                .timeout(Duration.ofSeconds(20))
                .GET()
                .build());
    }

    HttpResponse<String> postJson(String path, String body) {
        return send(HttpRequest.newBuilder(URI.create(baseUrl + path))
                .timeout(Duration.ofSeconds(20))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body))
                .build());
    }

    HttpResponse<String> postForm(String path, Map<String, String> form) {
        String body = form.entrySet().stream()
                .map(e -> enc(e.getKey()) + "=" + enc(e.getValue()))
                .collect(Collectors.joining("&"));
        return send(HttpRequest.newBuilder(URI.create(baseUrl + path))
                .timeout(Duration.ofSeconds(20))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(body))
                .build());
    }

    HttpResponse<String> send(HttpRequest request) {
        try {
            return http.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (java.net.http.HttpTimeoutException e) {
            ThreadDump.print(
                    "no answer to " + request.method() + " " + request.uri().getPath());
            throw new java.io.UncheckedIOException(e);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** Registers a public client with {@link #REDIRECT_URI}; returns its client_id. */
    String register() {
        HttpResponse<String> r = postJson(OAuthPaths.REGISTER, """
                {"client_name":"flow-test","redirect_uris":["%s"],"grant_types":["authorization_code","refresh_token"],
                 "response_types":["code"],"token_endpoint_auth_method":"none"}""".formatted(REDIRECT_URI));
        if (r.statusCode() != 201) {
            throw new AssertionError("registration failed: " + r.statusCode() + " " + r.body());
        }
        return json(r).get("client_id").asString();
    }

    String authorizeUrl(String clientId, Map<String, String> overrides) {
        Map<String, String> q = new LinkedHashMap<>();
        q.put("response_type", "code");
        q.put("client_id", clientId);
        q.put("redirect_uri", REDIRECT_URI);
        q.put("state", "st+ate/1=");
        q.put("scope", "mcp:tools");
        q.putAll(overrides);
        q.values().removeIf(v -> v == null);
        return baseUrl + OAuthPaths.AUTHORIZE + "?"
                + q.entrySet().stream()
                        .map(e -> enc(e.getKey()) + "=" + enc(e.getValue()))
                        .collect(Collectors.joining("&"));
    }

    /** The consent page's form as a browser sees it: where it posts and its hidden fields. */
    record ConsentForm(String action, Map<String, String> fields) {

        private static final Pattern FORM = Pattern.compile("<form\\s+method=\"post\"\\s+action=\"([^\"]*)\"");
        private static final Pattern HIDDEN =
                Pattern.compile("<input type=\"hidden\" name=\"([^\"]*)\" value=\"([^\"]*)\">");

        static ConsentForm parse(String pageUrl, String html) {
            Matcher form = FORM.matcher(html);
            if (!form.find()) {
                throw new AssertionError("no consent form in " + html);
            }
            Map<String, String> fields = new LinkedHashMap<>();
            for (Matcher m = HIDDEN.matcher(html); m.find(); ) {
                fields.put(unescape(m.group(1)), unescape(m.group(2)));
            }
            return new ConsentForm(
                    URI.create(pageUrl).resolve(unescape(form.group(1))).toString(), fields);
        }

        ConsentForm with(String name, String value) {
            Map<String, String> f = new LinkedHashMap<>(fields);
            f.put(name, value);
            return new ConsentForm(action, f);
        }

        static String unescape(String s) {
            return s.replace("&lt;", "<")
                    .replace("&gt;", ">")
                    .replace("&quot;", "\"")
                    .replace("&#39;", "'")
                    .replace("&amp;", "&");
        }
    }

    /** Posts the consent form to {@code url} (the form's action, or another replica's) with the button pressed. */
    HttpResponse<String> answer(String url, ConsentForm form, String decision) {
        Map<String, String> fields = new LinkedHashMap<>(form.fields());
        if (decision != null) {
            fields.put("decision", decision);
        }
        String body = fields.entrySet().stream()
                .map(e -> enc(e.getKey()) + "=" + enc(e.getValue()))
                .collect(Collectors.joining("&"));
        return send(HttpRequest.newBuilder(URI.create(url))
                .timeout(Duration.ofSeconds(20))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(body))
                .build());
    }

    /** GET of an authorize URL that must answer with the consent page; its form. */
    ConsentForm consentPage(String authorizeUrl) {
        HttpResponse<String> r = get(authorizeUrl);
        if (r.statusCode() != 200) {
            throw new AssertionError(
                    "no consent page: " + r.statusCode() + " " + r.headers().map() + " " + r.body());
        }
        return ConsentForm.parse(authorizeUrl, r.body());
    }

    /**
     * Authorize → consent page (approved, unless remembered) → upstream (auto-approves) → callback → the client's
     * redirect URI. Returns the parameters of the final redirect (code, state, iss or error). Bounded: at most 5 hops.
     */
    Map<String, String> signIn(String authorizeUrl) {
        String url = authorizeUrl;
        for (int hop = 0; hop < 5; hop++) {
            HttpResponse<String> r = get(url);
            if (r.statusCode() == 200 && r.body().contains("<form")) {
                r = answer(ConsentForm.parse(url, r.body()).action(), ConsentForm.parse(url, r.body()), "approve");
            }
            if (r.statusCode() != 302) {
                throw new AssertionError("hop " + hop + " to " + url + " answered " + r.statusCode() + " " + r.body());
            }
            url = r.headers().firstValue("Location").orElseThrow();
            if (url.startsWith(REDIRECT_URI)) {
                return query(url);
            }
        }
        throw new AssertionError("no redirect back to the client after 5 hops");
    }

    HttpResponse<String> redeem(String clientId, String code, String verifier) {
        Map<String, String> form = new LinkedHashMap<>();
        form.put("grant_type", "authorization_code");
        form.put("client_id", clientId);
        form.put("code", code);
        form.put("redirect_uri", REDIRECT_URI);
        form.put("code_verifier", verifier);
        return postForm(OAuthPaths.TOKEN, form);
    }

    HttpResponse<String> refresh(String clientId, String refreshToken) {
        return postForm(
                OAuthPaths.TOKEN,
                Map.of("grant_type", "refresh_token", "client_id", clientId, "refresh_token", refreshToken));
    }

    static JsonNode json(HttpResponse<String> r) {
        return JSON.readTree(r.body());
    }

    static Map<String, String> query(String url) {
        String q = URI.create(url).getRawQuery();
        Map<String, String> params = new LinkedHashMap<>();
        if (q != null) {
            for (String pair : q.split("&")) {
                int eq = pair.indexOf('=');
                params.put(
                        URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8),
                        URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
            }
        }
        return params;
    }

    static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }
}
