package io.lakegate.connector.oauth;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The open OAuth endpoints are limited per client address, over real HTTP (all requests come from 127.0.0.1): the
 * 11th registration in a minute is a 429 with {@code Retry-After}, while the other endpoints, counted apart, still
 * answer. The limits are the defaults, apart from a short authorize limit so that its 429 page is quick to reach.
 */
class OAuthProxyRateLimitTest {

    static final HttpClient http = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .followRedirects(HttpClient.Redirect.NEVER)
            .connectTimeout(Duration.ofSeconds(5))
            .build();

    static ProxyConnector proxy;

    @BeforeAll
    static void start() {
        proxy = ProxyConnector.start(Map.of("lakegate.oauth-proxy.rate-limits.authorize", "3"));
    }

    @AfterAll
    static void stop() {
        if (proxy != null) {
            proxy.close();
        }
    }

    static HttpResponse<String> send(HttpRequest request) throws Exception {
        return http.send(request, HttpResponse.BodyHandlers.ofString());
    }

    static HttpResponse<String> register() throws Exception {
        return send(HttpRequest.newBuilder(URI.create(proxy.issuer + OAuthPaths.REGISTER))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("""
                        {"redirect_uris":["%s"]}""".formatted(ProxyTestClient.REDIRECT_URI)))
                .build());
    }

    static HttpResponse<String> token(String clientId) throws Exception {
        return send(HttpRequest.newBuilder(URI.create(proxy.issuer + OAuthPaths.TOKEN))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(
                        "grant_type=refresh_token&refresh_token=unknown&client_id=" + clientId))
                .build());
    }

    static HttpResponse<String> get(String url) throws Exception {
        return send(HttpRequest.newBuilder(URI.create(url)).GET().build());
    }

    @Test
    void theEleventhRegistrationInAMinuteIsRefusedWithRetryAfterWhileOtherEndpointsAnswer() throws Exception {
        String clientId = null;
        for (int i = 1; i <= 10; i++) {
            HttpResponse<String> r = register();
            assertThat(r.statusCode()).as("registration %d", i).isEqualTo(201);
            clientId = ProxyTestClient.json(r).get("client_id").asString();
        }
        HttpResponse<String> refused = register();
        assertThat(refused.statusCode()).isEqualTo(429);
        long retryAfter =
                Long.parseLong(refused.headers().firstValue("Retry-After").orElseThrow());
        assertThat(retryAfter).isBetween(1L, 60L);
        assertThat(refused.headers().firstValue("Content-Type"))
                .hasValueSatisfying(t -> assertThat(t).startsWith("application/json"));
        assertThat(ProxyTestClient.json(refused).get("error").asString()).isEqualTo("too_many_requests");
        assertThat(ProxyTestClient.json(refused).get("error_description").asString())
                .isNotBlank();

        // the other endpoints count apart
        assertThat(get(proxy.issuer + OAuthPaths.METADATA).statusCode()).isEqualTo(200);
        assertThat(token(clientId).statusCode()).isEqualTo(400);
        assertThat(get(proxy.issuer + OAuthPaths.JWKS).statusCode()).isEqualTo(200);
    }

    @Test
    void authorizeOverItsLimitIsASmall429PageWithRetryAfter() throws Exception {
        HttpResponse<String> r = null;
        for (int i = 0; i < 5; i++) {
            r = get(proxy.issuer + OAuthPaths.AUTHORIZE + "?client_id=unknown");
            if (r.statusCode() == 429) {
                break;
            }
        }
        assertThat(r.statusCode()).isEqualTo(429);
        assertThat(r.headers().firstValue("Retry-After")).isPresent();
        assertThat(r.headers().firstValue("Content-Type"))
                .hasValueSatisfying(t -> assertThat(t).startsWith("text/html"));
        assertThat(r.headers().firstValue("Content-Security-Policy"))
                .hasValueSatisfying(csp -> assertThat(csp).contains("default-src 'none'"));
        assertThat(r.body()).contains("Too many sign-in attempts", "retry in").doesNotContain("<link", "<script");
        assertThat(token("unknown").statusCode()).isEqualTo(401);
    }
}
