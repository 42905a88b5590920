package io.lakegate.connector.oauth;

import io.lakegate.connector.databricks.DatabricksCredentialsException;
import io.lakegate.connector.identity.CallerIdentity;
import io.lakegate.connector.identity.UserAssertionSource;
import io.lakegate.connector.oauth.store.Grant;
import io.lakegate.connector.oauth.store.TokenStore;
import io.lakegate.connector.oauth.store.UpstreamTokens;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import reactor.core.publisher.Mono;

/**
 * Behind the proxy the caller's bearer is a Lakegate token, which no upstream accepts: the on-behalf-of exchange
 * starts from the upstream access token stored for it (found by the token's {@code jti}), refreshed upstream when it
 * is about to expire.
 */
public class ProxyUserAssertionSource implements UserAssertionSource {

    private final AccessTokenIssuer issuer;
    private final TokenStore store;
    private final UpstreamIdentityProvider upstream;
    private final Duration refreshSkew;
    private final Clock clock;
    /** Upstream refreshes running now, by grant: concurrent calls of one user wait for one refresh. */
    private final ConcurrentMap<String, CompletableFuture<String>> refreshing = new ConcurrentHashMap<>();

    public ProxyUserAssertionSource(
            AccessTokenIssuer issuer,
            TokenStore store,
            UpstreamIdentityProvider upstream,
            Duration refreshSkew,
            Clock clock) {
        this.issuer = issuer;
        this.store = store;
        this.upstream = upstream;
        this.refreshSkew = refreshSkew;
        this.clock = clock;
    }

    @Override
    public Mono<String> assertion(CallerIdentity caller) {
        String jti = caller.inboundToken() == null
                ? null
                : issuer.jtiOf(caller.inboundToken()).orElse(null);
        if (jti == null) {
            return Mono.error(new DatabricksCredentialsException("the bearer token was not issued by Lakegate"));
        }
        return Blocking.call(() -> store.findAccessToken(jti).flatMap(t -> store.findGrant(t.grantId())))
                .flatMap(grant -> grant.map(this::current)
                        .orElseGet(() -> Mono.error(new DatabricksCredentialsException(
                                "the sign-in behind this token has ended; sign in again"))));
    }

    private Mono<String> current(Grant grant) {
        UpstreamTokens tokens = grant.upstream();
        if (tokens == null) {
            return Mono.error(new DatabricksCredentialsException("no upstream token stored; sign in again"));
        }
        if (!tokens.expiresBefore(clock.instant().plus(refreshSkew))) {
            return Mono.just(tokens.accessToken());
        }
        // Several tool calls at the expiry would each spend the refresh token; IdPs that rotate refresh tokens with
        // reuse detection (Okta, Auth0) revoke the whole grant when a spent one comes back. So one refresh per grant
        // at a time, starting from the grant as stored now: a caller that read it before another refresh finished
        // (here or on another replica) finds the fresh token instead of spending the old refresh token again.
        return Mono.deferContextual(context -> {
            CompletableFuture<String> running = refreshing.computeIfAbsent(
                    grant.grantId(),
                    id -> refreshed(grant).contextWrite(context).toFuture());
            running.whenComplete((token, failure) -> refreshing.remove(grant.grantId(), running));
            return Mono.fromFuture(running, true);
        });
    }

    private Mono<String> refreshed(Grant seen) {
        return Blocking.call(() -> store.findGrant(seen.grantId())).flatMap(stored -> {
            Grant grant = stored.orElse(null);
            if (grant == null || grant.upstream() == null) {
                return Mono.error(new DatabricksCredentialsException(
                        "the sign-in behind this token has ended; sign in " + "again"));
            }
            if (!grant.upstream().expiresBefore(clock.instant().plus(refreshSkew))) {
                return Mono.just(grant.upstream().accessToken());
            }
            return upstream.refresh(grant.upstream())
                    .onErrorMap(
                            UpstreamIdentityProvider.UpstreamException.class,
                            e -> new DatabricksCredentialsException("the upstream sign-in expired; sign in again"))
                    .flatMap(fresh -> Blocking.run(() -> store.saveGrant(grant.withUpstream(fresh)))
                            .thenReturn(fresh.accessToken()));
        });
    }
}
