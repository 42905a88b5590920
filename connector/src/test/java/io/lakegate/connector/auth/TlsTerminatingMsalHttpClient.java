package io.lakegate.connector.auth;

import com.microsoft.aad.msal4j.HttpRequest;
import com.microsoft.aad.msal4j.IHttpClient;
import com.microsoft.aad.msal4j.IHttpResponse;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * msal4j insists on an {@code https} authority; mock-oauth2-server speaks plain HTTP. This transport plays the
 * TLS-terminating reverse proxy in front of the identity provider: it sends msal4j's requests to the same host and
 * port over HTTP with {@code X-Forwarded-Proto: https} (which mock-oauth2-server honours, so its discovery document
 * and issued tokens name the https issuer msal4j expects). It also counts token-endpoint POSTs (the IdP's exchange
 * log) and remembers the access tokens it saw, so tests can look for them in the logs.
 */
final class TlsTerminatingMsalHttpClient implements IHttpClient {

    private static final Set<String> RESTRICTED = Set.of("host", "content-length", "connection", "expect", "upgrade");
    private static final Pattern ACCESS_TOKEN = Pattern.compile("\"access_token\"\\s*:\\s*\"([^\"]+)\"");

    final AtomicInteger tokenRequests = new AtomicInteger();
    final List<String> issuedTokens = new CopyOnWriteArrayList<>();
    private final HttpClient http =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @Override
    public IHttpResponse send(HttpRequest request) throws Exception {
        URI https = request.url().toURI();
        URI plain = new URI("http", https.getRawAuthority(), https.getRawPath(), https.getRawQuery(), null);
        java.net.http.HttpRequest.Builder b = java.net.http.HttpRequest.newBuilder(plain)
                .timeout(Duration.ofSeconds(10))
                .header("X-Forwarded-Proto", "https")
                .header("X-Forwarded-Port", String.valueOf(https.getPort()));
        if (request.headers() != null) {
            request.headers().forEach((k, v) -> {
                if (!RESTRICTED.contains(k.toLowerCase())) {
                    b.header(k, v);
                }
            });
        }
        boolean post = "POST".equals(request.httpMethod().name());
        b.method(
                request.httpMethod().name(),
                post && request.body() != null
                        ? java.net.http.HttpRequest.BodyPublishers.ofString(request.body())
                        : java.net.http.HttpRequest.BodyPublishers.noBody());
        if (post && https.getPath().endsWith("/token")) {
            tokenRequests.incrementAndGet();
        }
        HttpResponse<String> response = http.send(b.build(), HttpResponse.BodyHandlers.ofString());
        Matcher m = ACCESS_TOKEN.matcher(response.body());
        if (m.find()) {
            issuedTokens.add(m.group(1));
        }
        return new IHttpResponse() {
            @Override
            public int statusCode() {
                return response.statusCode();
            }

            @Override
            public Map<String, List<String>> headers() {
                return response.headers().map();
            }

            @Override
            public String body() {
                return response.body();
            }
        };
    }
}
