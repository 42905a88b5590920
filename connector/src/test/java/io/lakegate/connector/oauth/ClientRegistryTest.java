package io.lakegate.connector.oauth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpServer;
import io.lakegate.connector.oauth.store.ClientRegistration;
import io.lakegate.connector.oauth.store.InMemoryTokenStore;
import io.lakegate.connector.oauth.store.TokenStore;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;
import org.springframework.web.reactive.function.BodyInserters;
import org.springframework.web.reactive.function.client.WebClient;
import org.springframework.web.reactive.function.server.RouterFunctions;

/**
 * Client ID metadata documents are fetched from URLs an unauthenticated caller chooses, so only from public
 * addresses: loopback, private, link-local and the like are refused with {@code invalid_client} before any connection
 * (a tripwire socket on the loopback port counts them), unless {@code client-metadata-allow-private-addresses} is set.
 * Redirects are not followed and the body is capped.
 */
class ClientRegistryTest {

    static final Clock CLOCK = Clock.systemUTC();

    /** Accepts and counts connections: a refused URL must never reach it. */
    static ServerSocket tripwire;

    static final AtomicInteger tripped = new AtomicInteger();
    /** Serves metadata documents naming themselves (from the Host header), by path; counts requests per path. */
    static HttpServer documents;

    static final Map<String, AtomicInteger> requests = new ConcurrentHashMap<>();

    @BeforeAll
    static void start() throws IOException {
        tripwire = new ServerSocket(0); // the wildcard address: 127.0.0.1 and ::1 both reach it
        Thread accept = new Thread(
                () -> {
                    while (!tripwire.isClosed()) {
                        try (Socket s = tripwire.accept()) {
                            tripped.incrementAndGet();
                        } catch (IOException closed) {
                            return;
                        }
                    }
                },
                "tripwire");
        accept.setDaemon(true);
        accept.start();

        documents = HttpServer.create(new InetSocketAddress(0), 0);
        documents.createContext("/", exchange -> {
            String path = exchange.getRequestURI().getPath();
            requests.computeIfAbsent(path, p -> new AtomicInteger()).incrementAndGet();
            String self = "http://" + exchange.getRequestHeaders().getFirst("Host") + path;
            String padding = path.equals("/big.json") ? "x".repeat(ClientRegistry.MAX_DOCUMENT_BYTES) : "";
            byte[] body =
                    """
                    {"client_id":"%s","client_name":"cimd-client%s","redirect_uris":["%s"],
                     "token_endpoint_auth_method":"none"}""".formatted(self, padding, ProxyTestClient.REDIRECT_URI).getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            if (path.equals("/unavailable.json")) {
                exchange.sendResponseHeaders(503, -1);
                exchange.close();
                return;
            }
            if (path.equals("/redirect.json")) {
                // a document in the body too: the 302 must not count as one
                exchange.getResponseHeaders().add("Location", "/good.json");
                exchange.sendResponseHeaders(302, body.length);
            } else {
                exchange.sendResponseHeaders(200, body.length);
            }
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        documents.start();
    }

    @AfterAll
    static void stop() throws IOException {
        tripwire.close();
        documents.stop(0);
    }

    @BeforeEach
    void reset() {
        tripped.set(0);
        requests.clear();
    }

    static OAuthProxyProperties props(boolean allowPrivateAddresses) {
        OAuthProxyProperties props = new OAuthProxyProperties();
        props.setIssuer("https://lakegate.example");
        // http is only for loopback hosts, and only with this; the address rule applies on top
        props.setClientMetadataAllowLoopbackHttp(true);
        props.setClientMetadataAllowPrivateAddresses(allowPrivateAddresses);
        props.getUpstream().setAuthorizationEndpoint("https://idp.example/authorize");
        props.getUpstream().setTokenEndpoint("https://idp.example/token");
        props.getUpstream().setClientId("lakegate");
        return props;
    }

    static ClientRegistry registry(OAuthProxyProperties props, TokenStore store) {
        return new ClientRegistry(store, ClientRegistry.metadataDocumentClient(props), props, CLOCK);
    }

    static ClientRegistry registry(boolean allowPrivateAddresses) {
        return registry(props(allowPrivateAddresses), new InMemoryTokenStore(CLOCK));
    }

    static Optional<ClientRegistration> find(ClientRegistry registry, String clientId) {
        return registry.find(clientId).block(Duration.ofSeconds(10));
    }

    static void assertRefused(String clientId, String description) {
        assertThatThrownBy(() -> find(registry(false), clientId)).isInstanceOfSatisfying(OAuthError.class, e -> {
            assertThat(e.error()).isEqualTo("invalid_client");
            assertThat(e.description()).isEqualTo(description);
            assertThat(e.status()).isEqualTo(HttpStatus.BAD_REQUEST);
        });
    }

    @ParameterizedTest
    @ValueSource(strings = {"127.0.0.1", "localhost", "[::1]"})
    void aLoopbackHostIsRefusedBeforeAnyConnection(String host) {
        assertRefused(
                "http://" + host + ":" + tripwire.getLocalPort() + "/client.json",
                "the client_id URL resolves to a loopback address");
        assertRefused(
                "https://" + host + ":" + tripwire.getLocalPort() + "/client.json",
                "the client_id URL resolves to a loopback address");
        assertThat(tripped).hasValue(0);
    }

    @ParameterizedTest
    @CsvSource({
        "https://169.254.169.254/latest/meta-data/iam/security-credentials/, a link-local address",
        "https://10.0.0.7/client.json, a private address",
        "https://172.16.0.1/client.json, a private address",
        "https://192.168.1.1/client.json, a private address",
        "https://100.100.100.200/latest/meta-data/, a shared (carrier-grade NAT) address",
        "https://0.0.0.0/client.json, an unspecified (any-local) address",
        "https://[::]/client.json, an unspecified (any-local) address",
        "https://[fd00:ec2::254]/latest/meta-data/, a unique-local address",
        "https://[fe80::1]/client.json, a link-local address",
        "https://[::ffff:169.254.169.254]/latest/meta-data/, a link-local address",
        "https://[::ffff:a9fe:a9fe]/latest/meta-data/, a link-local address",
        "https://224.0.0.1/client.json, a multicast address",
    })
    void anInternalAddressIsRefusedAtOnce(String clientId, String kind) {
        long start = System.nanoTime();
        assertRefused(clientId, "the client_id URL resolves to " + kind);
        // a connection attempt to an unrouted address would hang until the 5 s fetch timeout
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(3));
    }

    @Test
    void aMappedLoopbackLiteralIsRefusedBeforeAnyConnection() {
        assertRefused(
                "https://[::ffff:127.0.0.1]:" + tripwire.getLocalPort() + "/client.json",
                "the client_id URL resolves to a loopback address");
        assertThat(tripped).hasValue(0);
    }

    @ParameterizedTest
    @ValueSource(strings = {"127.0.0.1", "localhost", "[::1]"})
    void allowingPrivateAddressesFetchesFromLoopback(String host) {
        String clientId = "http://" + host + ":" + documents.getAddress().getPort() + "/good.json";
        Optional<ClientRegistration> client = find(registry(true), clientId);
        assertThat(client).hasValueSatisfying(c -> {
            assertThat(c.clientId()).isEqualTo(clientId);
            assertThat(c.redirectUris()).containsExactly(ProxyTestClient.REDIRECT_URI);
        });
        assertThat(requests.get("/good.json")).hasValue(1);
    }

    @Test
    void aRedirectIsNotFollowedNorItsBodyTakenForTheDocument() {
        String clientId = "http://127.0.0.1:" + documents.getAddress().getPort() + "/redirect.json";
        assertThat(find(registry(true), clientId)).isEmpty();
        assertThat(requests.get("/redirect.json")).hasValue(1);
        assertThat(requests).doesNotContainKey("/good.json");
    }

    @Test
    void aDocumentOverTheCapIsRefused() {
        String clientId = "http://127.0.0.1:" + documents.getAddress().getPort() + "/big.json";
        assertThat(find(registry(true), clientId)).isEmpty();
        assertThat(requests.get("/big.json")).hasValue(1);
    }

    @Test
    void aFailingDocumentIsFetchedOnceNotRetried() {
        assertThat(find(
                        registry(true),
                        "http://127.0.0.1:" + documents.getAddress().getPort() + "/unavailable.json"))
                .isEmpty();
        assertThat(requests.get("/unavailable.json")).hasValue(1);
    }

    /** Through the endpoints: a typed 400 with the reason, as the client sees it. */
    @Test
    void theAuthorizeAndTokenEndpointsAnswerInvalidClientWithTheReason() {
        OAuthProxyProperties props = props(false);
        TokenStore store = new InMemoryTokenStore(CLOCK);
        ClientRegistry clients = registry(props, store);
        String resource = props.resourceUri("/mcp");
        UpstreamIdentityProvider upstream = new UpstreamIdentityProvider(
                props.getUpstream(), props.issuer() + OAuthPaths.CALLBACK, WebClient.create(), CLOCK);
        AuthorizationEndpoint authorization = new AuthorizationEndpoint(
                clients,
                store,
                upstream,
                props,
                List.of("mcp:tools"),
                resource,
                new RememberedConsent(ProxySigningKey.generate().derive("consent"), Duration.ofDays(1), false),
                new ScopeWords(Map.of()),
                CLOCK);
        TokenEndpoint token = new TokenEndpoint(
                clients,
                store,
                new AccessTokenIssuer(
                        ProxySigningKey.generate(), props.issuer(), resource, Duration.ofMinutes(10), CLOCK),
                resource,
                Duration.ofDays(1),
                CLOCK,
                grantId -> {});
        WebTestClient http = WebTestClient.bindToRouterFunction(RouterFunctions.route()
                        .GET(OAuthPaths.AUTHORIZE, authorization::authorize)
                        .POST(OAuthPaths.TOKEN, token::token)
                        .build())
                .build();

        http.get()
                .uri(b -> b.path(OAuthPaths.AUTHORIZE)
                        .queryParam("client_id", "https://169.254.169.254/latest/meta-data/")
                        .queryParam("response_type", "code")
                        .queryParam(
                                "code_challenge", ProxyTestClient.Pkce.create().challenge())
                        .queryParam("code_challenge_method", "S256")
                        .build())
                .exchange()
                .expectStatus()
                .isBadRequest()
                .expectHeader()
                .contentType(MediaType.APPLICATION_JSON)
                .expectBody()
                .jsonPath("$.error")
                .isEqualTo("invalid_client")
                .jsonPath("$.error_description")
                .isEqualTo("the client_id URL resolves to a link-local address");

        String loopback = "http://localhost:" + tripwire.getLocalPort() + "/client.json";
        http.post()
                .uri(OAuthPaths.TOKEN)
                .body(BodyInserters.fromFormData("grant_type", "authorization_code")
                        .with("client_id", loopback)
                        .with("code", "c")
                        .with("code_verifier", "v"))
                .exchange()
                .expectStatus()
                .isBadRequest()
                .expectBody()
                .jsonPath("$.error")
                .isEqualTo("invalid_client")
                .jsonPath("$.error_description")
                .isEqualTo("the client_id URL resolves to a loopback address");
        assertThat(tripped).hasValue(0);
    }
}
