package io.lakegate.connector.oauth;

import java.time.Clock;
import java.time.Duration;

import io.lakegate.connector.auth.CallerIdentity;
import io.lakegate.connector.auth.UserAssertionSource;
import io.lakegate.connector.databricks.DatabricksCredentialsException;
import io.lakegate.connector.oauth.store.Grant;
import io.lakegate.connector.oauth.store.TokenStore;
import io.lakegate.connector.oauth.store.UpstreamTokens;
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

    public ProxyUserAssertionSource(AccessTokenIssuer issuer, TokenStore store, UpstreamIdentityProvider upstream,
            Duration refreshSkew, Clock clock) {
        this.issuer = issuer;
        this.store = store;
        this.upstream = upstream;
        this.refreshSkew = refreshSkew;
        this.clock = clock;
    }

    @Override
    public Mono<String> assertion(CallerIdentity caller) {
        String jti = caller.inboundToken() == null ? null : issuer.jtiOf(caller.inboundToken()).orElse(null);
        if (jti == null) {
            return Mono.error(new DatabricksCredentialsException("the bearer token was not issued by Lakegate"));
        }
        return Blocking.call(() -> store.findAccessToken(jti).flatMap(t -> store.findGrant(t.grantId())))
                .flatMap(grant -> grant.map(this::current).orElseGet(() -> Mono.error(
                        new DatabricksCredentialsException("the sign-in behind this token has ended; sign in again"))));
    }

    private Mono<String> current(Grant grant) {
        UpstreamTokens tokens = grant.upstream();
        if (tokens == null) {
            return Mono.error(new DatabricksCredentialsException("no upstream token stored; sign in again"));
        }
        if (!tokens.expiresBefore(clock.instant().plus(refreshSkew))) {
            return Mono.just(tokens.accessToken());
        }
        return upstream.refresh(tokens)
                .onErrorMap(UpstreamIdentityProvider.UpstreamException.class,
                        e -> new DatabricksCredentialsException("the upstream sign-in expired; sign in again"))
                .flatMap(fresh -> Blocking.run(() -> store.saveGrant(grant.withUpstream(fresh)))
                        .thenReturn(fresh.accessToken()));
    }
}
