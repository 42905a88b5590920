package io.lakegate.connector.oauth;

import io.lakegate.connector.oauth.store.AuthorizationCode;
import io.lakegate.connector.oauth.store.ClientRegistration;
import io.lakegate.connector.oauth.store.Grant;
import io.lakegate.connector.oauth.store.PendingAuthorization;
import io.lakegate.connector.oauth.store.TokenHashes;
import io.lakegate.connector.oauth.store.TokenStore;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Clock;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.CacheControl;
import org.springframework.http.HttpCookie;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseCookie;
import org.springframework.web.reactive.function.server.ServerRequest;
import org.springframework.web.reactive.function.server.ServerResponse;
import reactor.core.publisher.Mono;

/**
 * {@code GET /oauth/authorize} parks the client's request and asks the user on Lakegate's consent page whether this
 * client may act as them (skipped when the browser remembers an approval of the same client and redirect URI);
 * {@code POST /oauth/consent} takes the answer and sends the user to the upstream IdP, or back with access_denied;
 * {@code GET /oauth/callback} takes the upstream code, stores the upstream tokens in a grant and redirects back to
 * the client with a Lakegate code. Until the client and its redirect URI are verified errors are a 400 page (never
 * a redirect to an unverified URI, RFC 6749 4.1.2.1; HTML for browsers, the JSON error for other callers);
 * afterwards they are redirects with {@code error} and state.
 */
public class AuthorizationEndpoint {

    private static final Logger log = LoggerFactory.getLogger(AuthorizationEndpoint.class);
    private static final int CSRF_TOKEN_LENGTH = RandomTokens.next().length();

    private final ClientRegistry clients;
    private final TokenStore store;
    private final UpstreamIdentityProvider upstream;
    private final OAuthProxyProperties props;
    private final List<String> scopes;
    private final String issuer;
    private final String resource;
    private final RememberedConsent consents;
    private final ScopeWords scopeWords;
    private final Clock clock;

    public AuthorizationEndpoint(
            ClientRegistry clients,
            TokenStore store,
            UpstreamIdentityProvider upstream,
            OAuthProxyProperties props,
            List<String> scopes,
            String resource,
            RememberedConsent consents,
            ScopeWords scopeWords,
            Clock clock) {
        this.clients = clients;
        this.store = store;
        this.upstream = upstream;
        this.props = props;
        this.scopes = List.copyOf(scopes);
        this.issuer = props.issuer();
        this.resource = resource;
        this.consents = consents;
        this.scopeWords = scopeWords;
        this.clock = clock;
    }

    public Mono<ServerResponse> authorize(ServerRequest request) {
        String clientId = request.queryParam("client_id").orElse(null);
        return clients.find(clientId)
                .flatMap(found -> {
                    if (found.isEmpty()) {
                        return ErrorPage.forBrowser(
                                request,
                                new OAuthError(
                                        "invalid_client",
                                        "the application's client_id is unknown here (its registration may have expired)",
                                        HttpStatus.BAD_REQUEST));
                    }
                    ClientRegistration client = found.get();
                    String redirectUri = request.queryParam("redirect_uri").orElse(null);
                    if (redirectUri == null && client.redirectUris().size() == 1) {
                        redirectUri = client.redirectUris().get(0);
                    }
                    if (redirectUri == null || !client.redirectUris().contains(redirectUri)) {
                        return ErrorPage.forBrowser(
                                request, OAuthError.invalidRequest("redirect_uri is not registered for this client"));
                    }
                    String state = request.queryParam("state").orElse(null);
                    PendingAuthorization pending;
                    try {
                        pending = pending(request, client, redirectUri, state);
                    } catch (OAuthError e) {
                        return redirectError(redirectUri, e, state);
                    }
                    if (consents.covers(request.cookies(), client.clientId(), redirectUri)) {
                        return toUpstream(pending.approved(pending.id(), pending.expiresAt()), null);
                    }
                    return askConsent(request, client, pending);
                })
                .onErrorResume(
                        OAuthError.class, e -> ErrorPage.forBrowser(request, e)); // a client_id refused with a reason
    }

    private Mono<ServerResponse> askConsent(
            ServerRequest request, ClientRegistration client, PendingAuthorization pending) {
        HttpCookie existing = request.cookies().getFirst(consents.csrfCookieName());
        String csrf = existing != null && existing.getValue().length() == CSRF_TOKEN_LENGTH
                ? existing.getValue()
                : RandomTokens.next();
        PendingAuthorization awaiting = new PendingAuthorization(
                pending.id(),
                pending.clientId(),
                pending.redirectUri(),
                pending.state(),
                pending.codeChallenge(),
                pending.resource(),
                pending.scope(),
                pending.upstreamCodeVerifier(),
                TokenHashes.sha256(csrf),
                false,
                pending.expiresAt());
        return Blocking.run(() -> store.savePending(awaiting))
                .then(Mono.defer(() -> ConsentPage.render(
                        client.clientName(),
                        client.clientId(),
                        ConsentPage.hostAndPort(URI.create(pending.redirectUri())),
                        scopeWords.describe(List.of(pending.scope().split(" "))),
                        awaiting.id(),
                        csrf,
                        consents.csrfCookie(csrf))));
    }

    /**
     * {@code POST /oauth/consent}. The pending sign-in is taken before anything is checked: an answer, right or wrong,
     * uses it up, so a CSRF token cannot be guessed at and a replayed approval finds nothing. Refusals are a 400 page,
     * never a redirect: until the token matches, the request may not come from the user.
     */
    public Mono<ServerResponse> consent(ServerRequest request) {
        return request.formData().flatMap(form -> {
            String id = form.getFirst("pending");
            String csrf = form.getFirst("csrf");
            String decision = form.getFirst("decision");
            if (id == null || id.isBlank() || csrf == null || csrf.isBlank()) {
                return ConsentPage.refused("the consent form is incomplete");
            }
            return Blocking.call(() -> store.takePending(id)).flatMap(found -> {
                if (found.isEmpty() || found.get().consented() || found.get().consentCsrfHash() == null) {
                    return ConsentPage.refused("this sign-in is unknown, expired or already answered");
                }
                PendingAuthorization pending = found.get();
                HttpCookie cookie = request.cookies().getFirst(consents.csrfCookieName());
                if (cookie == null
                        || !equal(cookie.getValue(), csrf)
                        || !equal(TokenHashes.sha256(csrf), pending.consentCsrfHash())) {
                    log.info("consent answer for client {} refused: CSRF token mismatch", pending.clientId());
                    return ConsentPage.refused("the consent form did not come from this browser");
                }
                if (ConsentPage.DENY.equals(decision)) {
                    log.info("user denied client {}", pending.clientId());
                    return redirectError(
                            pending.redirectUri(),
                            new OAuthError("access_denied", "the user denied the request", HttpStatus.BAD_REQUEST),
                            pending.state());
                }
                if (!ConsentPage.APPROVE.equals(decision)) {
                    return ConsentPage.refused("no decision");
                }
                // a fresh id: the consent phase's id was in the page, the upstream state is not
                return toUpstream(
                        pending.approved(RandomTokens.next(), clock.instant().plus(props.getPendingTtl())),
                        consents.approve(request.cookies(), pending.clientId(), pending.redirectUri()));
            });
        });
    }

    private Mono<ServerResponse> toUpstream(PendingAuthorization approved, ResponseCookie remember) {
        String location = upstream.authorizeUrl(approved.id(), Pkce.challenge(approved.upstreamCodeVerifier()));
        return Blocking.run(() -> store.savePending(approved))
                .then(Mono.defer(() -> remember == null
                        ? OAuthResponses.redirect(location)
                        : ServerResponse.status(HttpStatus.FOUND)
                                .location(URI.create(location))
                                .cacheControl(CacheControl.noStore())
                                .cookie(remember)
                                .build()));
    }

    private static boolean equal(String a, String b) {
        return MessageDigest.isEqual(a.getBytes(StandardCharsets.UTF_8), b.getBytes(StandardCharsets.UTF_8));
    }

    private PendingAuthorization pending(
            ServerRequest request, ClientRegistration client, String redirectUri, String state) {
        if (!"code".equals(request.queryParam("response_type").orElse(null))) {
            throw new OAuthError("unsupported_response_type", "response_type must be code", HttpStatus.BAD_REQUEST);
        }
        String challenge = request.queryParam("code_challenge").orElse(null);
        String method = request.queryParam("code_challenge_method").orElse(null);
        if (challenge == null) {
            throw OAuthError.invalidRequest("PKCE is required: code_challenge with code_challenge_method=S256");
        }
        if (!Pkce.S256.equals(method)) {
            throw OAuthError.invalidRequest("code_challenge_method must be S256");
        }
        if (!Pkce.isValidChallenge(challenge)) {
            throw OAuthError.invalidRequest("code_challenge is not an S256 challenge");
        }
        // one protected resource: a client that omits resource (RFC 8707) gets it; any other value is refused
        List<String> resources = request.queryParams().getOrDefault("resource", List.of());
        if (resources.size() > 1 || resources.size() == 1 && !resource.equals(resources.get(0))) {
            throw new OAuthError("invalid_target", "resource must be " + resource, HttpStatus.BAD_REQUEST);
        }
        String scope = grantedScope(request.queryParam("scope").orElse(null), scopes);
        return new PendingAuthorization(
                RandomTokens.next(),
                client.clientId(),
                redirectUri,
                state,
                challenge,
                resource,
                scope,
                RandomTokens.next(),
                null,
                false,
                clock.instant().plus(props.getPendingTtl()));
    }

    static String grantedScope(String requested, List<String> supported) {
        if (requested == null || requested.isBlank()) {
            return String.join(" ", supported);
        }
        Set<String> scopes = new LinkedHashSet<>(Arrays.asList(requested.trim().split("\\s+")));
        if (!supported.containsAll(scopes)) {
            throw new OAuthError(
                    "invalid_scope", "supported scopes: " + String.join(" ", supported), HttpStatus.BAD_REQUEST);
        }
        return String.join(" ", scopes);
    }

    public Mono<ServerResponse> callback(ServerRequest request) {
        String upstreamState = request.queryParam("state").orElse(null);
        if (upstreamState == null) {
            return ErrorPage.forBrowser(request, OAuthError.invalidRequest("the identity provider sent no state"));
        }
        return Blocking.call(() -> store.takePending(upstreamState)).flatMap(found -> {
            if (found.isEmpty() || !found.get().consented()) {
                return ErrorPage.forBrowser(
                        request,
                        OAuthError.invalidRequest(
                                "this sign-in is unknown, expired or already completed; start again"));
            }
            PendingAuthorization pending = found.get();
            String upstreamError = request.queryParam("error").orElse(null);
            if (upstreamError != null) {
                log.info("upstream sign-in for client {} failed: {}", pending.clientId(), upstreamError);
                return redirectError(
                        pending.redirectUri(),
                        new OAuthError(
                                "access_denied".equals(upstreamError) ? "access_denied" : "server_error",
                                "the identity provider did not sign the user in (" + upstreamError + ")",
                                HttpStatus.BAD_REQUEST),
                        pending.state());
            }
            String upstreamCode = request.queryParam("code").orElse(null);
            if (upstreamCode == null) {
                return redirectError(
                        pending.redirectUri(),
                        OAuthError.invalidRequest("no code from the identity provider"),
                        pending.state());
            }
            return upstream.redeem(upstreamCode, pending.upstreamCodeVerifier())
                    .flatMap(signIn -> issueCode(pending, signIn))
                    .onErrorResume(
                            UpstreamIdentityProvider.UpstreamException.class,
                            e -> redirectError(
                                    pending.redirectUri(),
                                    new OAuthError("server_error", e.getMessage(), HttpStatus.BAD_GATEWAY),
                                    pending.state()));
        });
    }

    private Mono<ServerResponse> issueCode(PendingAuthorization pending, UpstreamIdentityProvider.SignIn signIn) {
        Grant grant = new Grant(
                UUID.randomUUID().toString(),
                signIn.subject(),
                signIn.displayName(),
                pending.clientId(),
                pending.scope(),
                pending.resource(),
                signIn.tokens(),
                clock.instant().plus(props.getRefreshTokenTtl()));
        String code = RandomTokens.next();
        AuthorizationCode authorizationCode = new AuthorizationCode(
                pending.clientId(),
                pending.redirectUri(),
                pending.codeChallenge(),
                pending.resource(),
                pending.scope(),
                grant.grantId(),
                clock.instant().plus(props.getCodeTtl()));
        return Blocking.run(() -> {
                    store.saveGrant(grant);
                    store.saveCode(code, authorizationCode);
                })
                .then(Mono.defer(() -> {
                    log.info(
                            "user {} signed in for client {} (grant {})",
                            signIn.subject(),
                            pending.clientId(),
                            grant.grantId());
                    return OAuthResponses.redirect(RedirectUris.withQuery(
                            pending.redirectUri(), "code", code, "state", pending.state(), "iss", issuer));
                }));
    }

    private Mono<ServerResponse> redirectError(String redirectUri, OAuthError e, String state) {
        return OAuthResponses.redirect(RedirectUris.withQuery(
                redirectUri, "error", e.error(), "error_description", e.description(), "state", state, "iss", issuer));
    }
}
