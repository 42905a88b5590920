package io.lakegate.connector.oauth;

import static org.assertj.core.api.Assertions.assertThat;

import io.lakegate.connector.oauth.store.ClientRegistration;
import io.lakegate.connector.oauth.store.Grant;
import io.lakegate.connector.oauth.store.InMemoryTokenStore;
import io.lakegate.connector.oauth.store.RefreshToken;
import io.lakegate.connector.oauth.store.UpstreamTokens;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;
import org.springframework.web.reactive.function.BodyInserters;
import org.springframework.web.reactive.function.server.RouterFunctions;

/**
 * Dynamic registrations are open to anyone, so an unused one ends after {@code client-idle-ttl}; each token issued to
 * the client pushes the end back, but the store is written only when less than the idle TTL minus a day remains.
 */
class ClientIdleExpiryTest {

    static final Duration IDLE = Duration.ofDays(30);

    /** The test moves time; the store, the registry and the token endpoint all read it. */
    static final class MovableClock extends Clock {
        Instant now = Instant.parse("2026-12-04T09:00:00Z");

        void advance(Duration d) {
            now = now.plus(d);
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }

    MovableClock clock;
    InMemoryTokenStore store;
    ClientRegistry clients;
    WebTestClient http;
    int storedClientWrites;

    @BeforeEach
    void setUp() {
        clock = new MovableClock();
        storedClientWrites = 0;
        store = new InMemoryTokenStore(clock) {
            @Override
            public void saveClient(ClientRegistration client) {
                storedClientWrites++;
                super.saveClient(client);
            }
        };
        OAuthProxyProperties props = ClientRegistryTest.props(false);
        props.setClientIdleTtl(IDLE);
        clients = new ClientRegistry(store, ClientRegistry.metadataDocumentClient(props), props, clock);
        String resource = props.resourceUri("/mcp");
        TokenEndpoint token = new TokenEndpoint(
                clients,
                store,
                new AccessTokenIssuer(
                        ProxySigningKey.generate(), props.issuer(), resource, Duration.ofMinutes(10), clock),
                resource,
                Duration.ofDays(14),
                clock,
                grantId -> {});
        http = WebTestClient.bindToRouterFunction(RouterFunctions.route()
                        .POST(OAuthPaths.TOKEN, token::token)
                        .build())
                .build();
    }

    String register() {
        return clients.register(Map.of("redirect_uris", List.of(ProxyTestClient.REDIRECT_URI)))
                .block(Duration.ofSeconds(10))
                .clientId();
    }

    Optional<ClientRegistration> find(String clientId) {
        return clients.find(clientId).block(Duration.ofSeconds(10));
    }

    /** A refresh token of a grant that outlives the test, as a completed sign-in leaves behind. */
    String refreshTokenFor(String clientId) {
        String grantId = "grant-" + clientId;
        Instant far = clock.instant().plus(Duration.ofDays(365));
        store.saveGrant(new Grant(
                grantId,
                "oid-alice",
                "alice",
                clientId,
                "mcp:tools",
                "https://lakegate.example/mcp",
                new UpstreamTokens("up-access", "up-refresh", null, far),
                far));
        String token = RandomTokens.next();
        store.saveRefreshToken(
                token, new RefreshToken(grantId, clientId, "mcp:tools", "https://lakegate.example/mcp", far));
        return token;
    }

    String refresh(String clientId, String refreshToken) {
        return http.post()
                .uri(OAuthPaths.TOKEN)
                .body(BodyInserters.fromFormData("grant_type", "refresh_token")
                        .with("client_id", clientId)
                        .with("refresh_token", refreshToken))
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody(Map.class)
                .returnResult()
                .getResponseBody()
                .get("refresh_token")
                .toString();
    }

    @Test
    void anUnusedRegistrationExpiresAfterTheIdleTtl() {
        String clientId = register();
        assertThat(find(clientId))
                .get()
                .extracting(ClientRegistration::expiresAt)
                .isEqualTo(clock.instant().plus(IDLE));

        clock.advance(IDLE.minusSeconds(1));
        assertThat(find(clientId)).isPresent();
        clock.advance(Duration.ofSeconds(1));
        assertThat(find(clientId)).isEmpty();
    }

    @Test
    void aRefreshExtendsTheRegistrationAtMostAboutOnceADay() {
        String clientId = register();
        String refreshToken = refreshTokenFor(clientId);
        int afterRegistration = storedClientWrites;

        // within the first day the remaining time is above idle TTL - 1 day: no write
        clock.advance(Duration.ofHours(12));
        refreshToken = refresh(clientId, refreshToken);
        assertThat(storedClientWrites).isEqualTo(afterRegistration);

        clock.advance(Duration.ofDays(12));
        refreshToken = refresh(clientId, refreshToken);
        assertThat(storedClientWrites).isEqualTo(afterRegistration + 1);
        Instant extended = clock.instant().plus(IDLE);
        assertThat(find(clientId))
                .get()
                .extracting(ClientRegistration::expiresAt)
                .isEqualTo(extended);

        clock.advance(Duration.ofHours(1));
        refreshToken = refresh(clientId, refreshToken);
        assertThat(storedClientWrites).isEqualTo(afterRegistration + 1);

        // refreshing every 13 days (within the 14-day refresh token lifetime) keeps it registered past day 30
        clock.advance(Duration.ofDays(13));
        refreshToken = refresh(clientId, refreshToken);
        clock.advance(Duration.ofDays(13));
        refresh(clientId, refreshToken);
        assertThat(storedClientWrites).isEqualTo(afterRegistration + 3);
        assertThat(find(clientId))
                .get()
                .extracting(ClientRegistration::expiresAt)
                .isEqualTo(clock.instant().plus(IDLE));
    }

    @Test
    void aRegistrationStoredWithoutAnEndGetsOneOnItsNextUse() {
        ClientRegistration legacy = new ClientRegistration(
                "legacy-client", null, List.of(ProxyTestClient.REDIRECT_URI), clock.instant(), null);
        store.saveClient(legacy);
        refresh(legacy.clientId(), refreshTokenFor(legacy.clientId()));
        assertThat(find(legacy.clientId()))
                .get()
                .extracting(ClientRegistration::expiresAt)
                .isEqualTo(clock.instant().plus(IDLE));
    }

    /** The in-memory store keeps at most so many registrations: the next is a 503 until expired ones are purged. */
    @Test
    void aFullInMemoryStoreRefusesNewRegistrationsUntilSomeExpire() {
        OAuthProxyProperties props = ClientRegistryTest.props(false);
        props.setClientIdleTtl(IDLE);
        InMemoryTokenStore small = new InMemoryTokenStore(clock, 2);
        ClientRegistry registry = new ClientRegistry(small, ClientRegistry.metadataDocumentClient(props), props, clock);
        AuthorizationServerEndpoints endpoints =
                new AuthorizationServerEndpoints(props, List.of("mcp:tools"), ProxySigningKey.generate(), registry);
        WebTestClient register = WebTestClient.bindToRouterFunction(RouterFunctions.route()
                        .POST(OAuthPaths.REGISTER, endpoints::register)
                        .build())
                .build();
        String body = """
                {"redirect_uris":["%s"]}""".formatted(ProxyTestClient.REDIRECT_URI);

        for (int i = 0; i < 2; i++) {
            register.post()
                    .uri(OAuthPaths.REGISTER)
                    .contentType(MediaType.APPLICATION_JSON)
                    .bodyValue(body)
                    .exchange()
                    .expectStatus()
                    .isCreated();
        }
        register.post()
                .uri(OAuthPaths.REGISTER)
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(body)
                .exchange()
                .expectStatus()
                .isEqualTo(HttpStatus.SERVICE_UNAVAILABLE)
                .expectBody()
                .jsonPath("$.error")
                .isEqualTo("temporarily_unavailable")
                .jsonPath("$.error_description")
                .isEqualTo("the server holds too many client registrations; try again later");

        clock.advance(IDLE);
        register.post()
                .uri(OAuthPaths.REGISTER)
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(body)
                .exchange()
                .expectStatus()
                .isCreated();
    }
}
