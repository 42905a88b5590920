package io.lakegate.connector.oauth;

import io.lakegate.connector.oauth.PublicAddressResolverGroup.NonPublicAddressException;
import io.lakegate.connector.oauth.store.ClientLimitReachedException;
import io.lakegate.connector.oauth.store.ClientRegistration;
import io.lakegate.connector.oauth.store.TokenStore;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.http.client.reactive.ReactorClientHttpConnector;
import org.springframework.web.reactive.function.client.WebClient;
import reactor.core.publisher.Mono;
import reactor.netty.http.client.HttpClient;

/**
 * Who the MCP clients are: RFC 7591 dynamic registrations, and client ID metadata documents (a client_id that is an
 * https URL names a JSON document with the client's redirect URIs; fetched on first use and cached in the store).
 */
public class ClientRegistry {

    private static final Logger log = LoggerFactory.getLogger(ClientRegistry.class);
    private static final ParameterizedTypeReference<Map<String, Object>> JSON_OBJECT =
            new ParameterizedTypeReference<>() {};
    private static final int MAX_REDIRECT_URIS = 10;
    /** Real documents are a few hundred bytes; the codecs' default (256 KiB, or spring.codec.*) is far more. */
    static final int MAX_DOCUMENT_BYTES = 16 * 1024;

    private final TokenStore store;
    private final WebClient web;
    private final OAuthProxyProperties props;
    private final Clock clock;

    public ClientRegistry(TokenStore store, WebClient web, OAuthProxyProperties props, Clock clock) {
        this.store = store;
        this.web = web;
        this.props = props;
        this.clock = clock;
    }

    /**
     * The WebClient that fetches metadata documents, from URLs an unauthenticated caller chooses: public addresses only
     * (unless {@code client-metadata-allow-private-addresses}), redirects not followed (a public URL could redirect to
     * an internal one), the body capped. A new connection per fetch: documents are cached, and no socket to a
     * caller-chosen host should stay open in a pool. Built apart from the application's WebClient.Builder, whose
     * filters are for Databricks: the resilience filter would retry each refused lookup and keeps a circuit breaker
     * per host, never evicted, which caller-chosen hosts would grow; the telemetry filter labels metrics by host (an
     * unbounded label) and sends our trace context to hosts the caller names.
     */
    static WebClient metadataDocumentClient(OAuthProxyProperties props) {
        HttpClient http = HttpClient.newConnection()
                .followRedirect(false)
                .resolver(new PublicAddressResolverGroup(props.isClientMetadataAllowPrivateAddresses()));
        return WebClient.builder()
                .clientConnector(new ReactorClientHttpConnector(http))
                .codecs(c -> c.defaultCodecs().maxInMemorySize(MAX_DOCUMENT_BYTES))
                .build();
    }

    /** Validates RFC 7591 client metadata and registers a public client. */
    public Mono<ClientRegistration> register(Map<String, Object> metadata) {
        return Mono.fromCallable(() -> validated(
                        metadata, UUID.randomUUID().toString(), clock.instant().plus(props.getClientIdleTtl())))
                .flatMap(client -> Blocking.run(() -> store.saveClient(client)).thenReturn(client))
                .onErrorMap(ClientLimitReachedException.class, e -> {
                    log.warn("OAuth client registration refused: {}", e.getMessage());
                    return new OAuthError(
                            "temporarily_unavailable",
                            "the server holds too many client registrations; try again later",
                            HttpStatus.SERVICE_UNAVAILABLE);
                })
                .doOnNext(client -> log.info("registered OAuth client {}", client.clientId()));
    }

    /**
     * Called after a token was issued to {@code client}: pushes a dynamic registration's end back to now + idle TTL.
     * Only once less than the idle TTL minus a day (or half the idle TTL, if shorter) remains, so an active client
     * costs the store about one write a day, not one per token. Metadata documents keep their cache expiry: they are
     * fetched again instead. A failed write is only logged: the token is issued, and the next one tries again.
     */
    public Mono<Void> keepAlive(ClientRegistration client) {
        if (isMetadataDocument(client.clientId())) {
            return Mono.empty();
        }
        Duration idleTtl = props.getClientIdleTtl();
        Duration slack =
                idleTtl.dividedBy(2).compareTo(Duration.ofDays(1)) < 0 ? idleTtl.dividedBy(2) : Duration.ofDays(1);
        Instant now = clock.instant();
        if (client.expiresAt() != null
                && client.expiresAt().isAfter(now.plus(idleTtl).minus(slack))) {
            return Mono.empty();
        }
        ClientRegistration extended = new ClientRegistration(
                client.clientId(), client.clientName(), client.redirectUris(), client.issuedAt(), now.plus(idleTtl));
        return Blocking.run(() -> store.saveClient(extended)).onErrorResume(e -> {
            log.warn("could not extend the registration of OAuth client {}: {}", client.clientId(), e.toString());
            return Mono.empty();
        });
    }

    /**
     * Metadata document clients are named by their URL, dynamic ones by a UUID; unlike
     * {@link #isMetadataDocumentUrl(String)} this does not depend on the settings, which may have changed since the
     * client was stored.
     */
    private static boolean isMetadataDocument(String clientId) {
        return clientId.startsWith("https://") || clientId.startsWith("http://");
    }

    /**
     * Empty for an unknown client, and for a metadata document that could not be fetched or is not valid; an
     * {@code invalid_client} error when the document's URL resolves to an address it must not be fetched from.
     */
    public Mono<Optional<ClientRegistration>> find(String clientId) {
        if (clientId == null || clientId.isBlank()) {
            return Mono.just(Optional.empty());
        }
        return Blocking.call(() -> store.findClient(clientId)).flatMap(found -> {
            if (found.isPresent() || !isMetadataDocumentUrl(clientId)) {
                return Mono.just(found);
            }
            return fetchMetadataDocument(clientId).map(Optional::of).onErrorResume(e -> {
                NonPublicAddressException nonPublic = NonPublicAddressException.in(e);
                log.info(
                        "client metadata document {} refused: {}",
                        clientId,
                        nonPublic != null ? nonPublic.getMessage() : e.getMessage());
                if (nonPublic != null) {
                    // the kind, not the address: a caller must not learn what internal names resolve to
                    return Mono.error(new OAuthError(
                            "invalid_client",
                            "the client_id URL resolves to " + nonPublic.kind().phrase,
                            HttpStatus.BAD_REQUEST));
                }
                return Mono.just(Optional.empty());
            });
        });
    }

    boolean isMetadataDocumentUrl(String clientId) {
        if (!props.isClientMetadataDocuments()) {
            return false;
        }
        try {
            URI u = URI.create(clientId);
            // the spec wants a path component: the document is the client's own page, not a host root
            boolean hasPath = u.getRawPath() != null && u.getRawPath().length() > 1;
            return hasPath
                    && u.getHost() != null
                    && u.getRawFragment() == null
                    && ("https".equals(u.getScheme())
                            || props.isClientMetadataAllowLoopbackHttp()
                                    && "http".equals(u.getScheme())
                                    && RedirectUris.isLoopback(u.getHost()));
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    private Mono<ClientRegistration> fetchMetadataDocument(String clientId) {
        return web.get()
                .uri(URI.create(clientId))
                .accept(MediaType.APPLICATION_JSON)
                .retrieve()
                // not followed, and its body is not the document either
                .onStatus(
                        HttpStatusCode::is3xxRedirection,
                        response -> Mono.error(new IllegalStateException(
                                "HTTP " + response.statusCode().value() + ": redirects are not followed")))
                .bodyToMono(JSON_OBJECT)
                // else find() would complete without an answer, and the endpoint without a response
                .switchIfEmpty(Mono.error(() -> new IllegalStateException("empty response")))
                .timeout(Duration.ofSeconds(5))
                .map(document -> {
                    if (!clientId.equals(document.get("client_id"))) {
                        throw new OAuthError(
                                "invalid_client_metadata",
                                "the metadata document's client_id is not its own URL",
                                HttpStatus.BAD_REQUEST);
                    }
                    return validated(document, clientId, clock.instant().plus(props.getClientMetadataCacheTtl()));
                })
                // a full store only costs the cache: the document is fetched again on the next use
                .flatMap(client -> Blocking.run(() -> store.saveClient(client))
                        .onErrorResume(ClientLimitReachedException.class, e -> Mono.empty())
                        .thenReturn(client));
    }

    private ClientRegistration validated(Map<String, Object> metadata, String clientId, Instant expiresAt) {
        Object uris = metadata.get("redirect_uris");
        if (!(uris instanceof List<?> list) || list.isEmpty() || list.size() > MAX_REDIRECT_URIS) {
            throw new OAuthError(
                    "invalid_redirect_uri",
                    "redirect_uris must list 1 to " + MAX_REDIRECT_URIS + " URIs",
                    HttpStatus.BAD_REQUEST);
        }
        List<String> redirectUris = new ArrayList<>();
        for (Object uri : list) {
            if (!(uri instanceof String s) || !RedirectUris.isAcceptable(s)) {
                throw new OAuthError(
                        "invalid_redirect_uri",
                        "redirect URIs must be https, or http on a loopback host, without fragment",
                        HttpStatus.BAD_REQUEST);
            }
            redirectUris.add(s);
        }
        Object authMethod = metadata.get("token_endpoint_auth_method");
        if (authMethod != null && !"none".equals(authMethod)) {
            throw new OAuthError(
                    "invalid_client_metadata",
                    "only public clients (token_endpoint_auth_method=none)",
                    HttpStatus.BAD_REQUEST);
        }
        Object grantTypes = metadata.get("grant_types");
        if (grantTypes instanceof List<?> g
                && !List.of("authorization_code", "refresh_token").containsAll(g)) {
            throw new OAuthError(
                    "invalid_client_metadata",
                    "grant_types: authorization_code and refresh_token only",
                    HttpStatus.BAD_REQUEST);
        }
        Object responseTypes = metadata.get("response_types");
        if (responseTypes instanceof List<?> r && !List.of("code").containsAll(r)) {
            throw new OAuthError("invalid_client_metadata", "response_types: code only", HttpStatus.BAD_REQUEST);
        }
        String name = metadata.get("client_name") instanceof String n ? n : null;
        return new ClientRegistration(clientId, name, redirectUris, clock.instant(), expiresAt);
    }
}
