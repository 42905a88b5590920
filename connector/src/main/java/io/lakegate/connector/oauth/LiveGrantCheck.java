package io.lakegate.connector.oauth;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.lakegate.connector.auth.InboundTokenCheck;
import io.lakegate.connector.oauth.store.IssuedAccessToken;
import io.lakegate.connector.oauth.store.TokenStore;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
import org.springframework.security.oauth2.jwt.BadJwtException;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.web.server.ResponseStatusException;
import reactor.core.publisher.Mono;

/**
 * A proxy-issued access token is good only while the grant it came from stands. A replayed authorization code or a
 * reused refresh token deletes the grant (in the shared token store); from then on every access token of that grant is
 * refused on every replica, within {@code grant-check-ttl} (default 2 s): the grant's state is read from the store and
 * cached that long per replica, so one grant costs a replica at most one store read per period however many calls it
 * makes. The replica that revoked knows at once.
 * <p>
 * Tokens carry their grant id ({@value #GRANT_CLAIM}); tokens minted before that claim existed are traced to their grant
 * through their {@code jti}. Tokens of other issuers (the IdP's own, when both are accepted) are not this check's.
 * <p>
 * When the store cannot be read the last answer is used if it said "live" and is at most {@code grant-check-ttl} plus
 * {@link #STALE_GRACE} old: no revocation can be written while the store is down either. Beyond that the request is
 * refused with 503 (not 401, which would send the client to a sign-in that cannot work now either).
 */
public class LiveGrantCheck implements InboundTokenCheck {

    public static final String GRANT_CLAIM = "gid";
    static final Duration STALE_GRACE = Duration.ofSeconds(60);
    private static final Logger log = LoggerFactory.getLogger(LiveGrantCheck.class);

    private record State(boolean live, Instant checkedAt) {}

    private final TokenStore store;
    private final String issuer;
    private final Duration ttl;
    private final Clock clock;
    private final Cache<String, State> states;
    /** Store reads running now, by key: concurrent calls of one grant wait for one read. */
    private final ConcurrentMap<String, Mono<Boolean>> reading = new ConcurrentHashMap<>();

    public LiveGrantCheck(TokenStore store, String issuer, Duration ttl, Clock clock) {
        this.store = store;
        this.issuer = issuer;
        this.ttl = ttl;
        this.clock = clock;
        this.states = Caffeine.newBuilder()
                .expireAfterWrite(ttl.plus(STALE_GRACE))
                .maximumSize(100_000)
                .build();
    }

    @Override
    public Mono<Void> check(Jwt jwt) {
        if (!issuer.equals(jwt.getClaimAsString("iss"))) {
            return Mono.empty();
        }
        String grantId = jwt.getClaimAsString(GRANT_CLAIM);
        String key = grantId != null ? grantId : jwt.getId() != null ? "jti:" + jwt.getId() : null;
        if (key == null) {
            return Mono.error(new BadJwtException("the token names no grant; sign in again"));
        }
        return live(key)
                .flatMap(live -> live
                        ? Mono.<Void>empty()
                        : Mono.error(new BadJwtException("the sign-in behind this token was revoked; sign in again")));
    }

    /** This replica revoked {@code grantId}: refuse its tokens from now on without waiting for the next read. */
    public void revoked(String grantId) {
        states.put(grantId, new State(false, clock.instant()));
    }

    private Mono<Boolean> live(String key) {
        State known = states.getIfPresent(key);
        Instant now = clock.instant();
        if (known != null && (!known.live() || known.checkedAt().plus(ttl).isAfter(now))) {
            return Mono.just(known.live()); // a revoked grant never comes back
        }
        return reading.computeIfAbsent(
                        key,
                        k -> Blocking.call(() -> readLive(k))
                                .doOnNext(live -> states.put(k, new State(live, clock.instant())))
                                .doFinally(signal -> reading.remove(k))
                                .cache())
                .onErrorResume(e -> {
                    if (known != null && known.live()) {
                        log.warn(
                                "token store unreachable ({}): grant state of {} s ago used",
                                e.getClass().getSimpleName(),
                                Duration.between(known.checkedAt(), clock.instant())
                                        .toSeconds());
                        return Mono.just(true);
                    }
                    log.warn(
                            "token store unreachable ({}): request refused",
                            e.getClass().getSimpleName());
                    return Mono.error(new ResponseStatusException(
                            HttpStatus.SERVICE_UNAVAILABLE,
                            "the sign-in behind this token cannot be checked now; retry shortly"));
                });
    }

    private boolean readLive(String key) {
        Optional<String> grantId = key.startsWith("jti:")
                ? store.findAccessToken(key.substring(4)).map(IssuedAccessToken::grantId)
                : Optional.of(key);
        return grantId.flatMap(store::findGrant).isPresent();
    }
}
