package io.lakegate.connector.oauth.store;

import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;

/**
 * Token store in this JVM: one replica only (a sign-in started on another replica is unknown here), state lost on
 * restart. For the demo and tests. Single use is a compare-and-set on the map entry: only one caller redeems.
 */
public class InMemoryTokenStore implements TokenStore {

    private static final int PURGE_EVERY_WRITES = 256;

    private final Clock clock;
    private final int maxClients;
    private final Map<String, ClientRegistration> clients = new ConcurrentHashMap<>();
    private final Map<String, PendingAuthorization> pending = new ConcurrentHashMap<>();
    private final Map<String, SingleUse<AuthorizationCode>> codes = new ConcurrentHashMap<>();
    private final Map<String, SingleUse<RefreshToken>> refreshTokens = new ConcurrentHashMap<>();
    private final Map<String, Grant> grants = new ConcurrentHashMap<>();
    private final Map<String, IssuedAccessToken> accessTokens = new ConcurrentHashMap<>();
    private final AtomicInteger writes = new AtomicInteger();

    /** A single-use item; redeemed ones stay until they expire so that a replay is recognised. */
    private record SingleUse<T>(T item, boolean redeemed, Instant expiresAt) {}

    public InMemoryTokenStore(Clock clock) {
        this(clock, Integer.MAX_VALUE);
    }

    /**
     * @param maxClients registrations kept at most: registration is open to anyone and the idle TTL alone lets a
     *        loop of registrations fill the heap within that TTL, so past this many new ones are refused (with
     *        {@link ClientLimitReachedException}) after expired ones are purged. Updates of a stored one always pass.
     */
    public InMemoryTokenStore(Clock clock, int maxClients) {
        this.clock = clock;
        this.maxClients = maxClients;
    }

    @Override
    public void saveClient(ClientRegistration client) {
        if (clients.size() >= maxClients && !clients.containsKey(client.clientId())) {
            purgeExpired();
            // not atomic with the put: concurrent registrations can pass the limit by a few, which is harmless
            if (clients.size() >= maxClients) {
                throw new ClientLimitReachedException(maxClients);
            }
        }
        put(clients, client.clientId(), client);
    }

    @Override
    public Optional<ClientRegistration> findClient(String clientId) {
        return live(clients.get(clientId), ClientRegistration::expiresAt);
    }

    @Override
    public void savePending(PendingAuthorization p) {
        put(pending, p.id(), p);
    }

    @Override
    public Optional<PendingAuthorization> takePending(String id) {
        return live(pending.remove(id), PendingAuthorization::expiresAt);
    }

    @Override
    public void saveCode(String code, AuthorizationCode authorizationCode) {
        put(codes, TokenHashes.sha256(code), new SingleUse<>(authorizationCode, false, authorizationCode.expiresAt()));
    }

    @Override
    public Redemption<AuthorizationCode> redeemCode(String code) {
        return redeem(codes, TokenHashes.sha256(code));
    }

    @Override
    public void saveRefreshToken(String token, RefreshToken refreshToken) {
        put(refreshTokens, TokenHashes.sha256(token), new SingleUse<>(refreshToken, false, refreshToken.expiresAt()));
    }

    @Override
    public Redemption<RefreshToken> redeemRefreshToken(String token) {
        return redeem(refreshTokens, TokenHashes.sha256(token));
    }

    /** Compare-and-set on the map entry: of concurrent callers exactly one replaces the unredeemed entry. */
    private <T> Redemption<T> redeem(Map<String, SingleUse<T>> map, String key) {
        SingleUse<T> current = map.get(key);
        if (current == null || !current.expiresAt().isAfter(clock.instant())) {
            return Redemption.invalid();
        }
        if (current.redeemed()) {
            return Redemption.replayed(current.item());
        }
        boolean won = map.replace(key, current, new SingleUse<>(current.item(), true, current.expiresAt()));
        return won ? Redemption.redeemed(current.item()) : Redemption.replayed(current.item());
    }

    @Override
    public void saveGrant(Grant grant) {
        put(grants, grant.grantId(), grant);
    }

    @Override
    public Optional<Grant> findGrant(String grantId) {
        return live(grants.get(grantId), Grant::expiresAt);
    }

    @Override
    public void deleteGrant(String grantId) {
        grants.remove(grantId);
    }

    @Override
    public void saveAccessToken(IssuedAccessToken accessToken) {
        put(accessTokens, accessToken.jti(), accessToken);
    }

    @Override
    public Optional<IssuedAccessToken> findAccessToken(String jti) {
        return live(accessTokens.get(jti), IssuedAccessToken::expiresAt);
    }

    private <T> void put(Map<String, T> map, String key, T value) {
        map.put(key, value);
        if (writes.incrementAndGet() % PURGE_EVERY_WRITES == 0) {
            purgeExpired();
        }
    }

    private <T> Optional<T> live(T item, Function<T, Instant> expiresAt) {
        if (item == null) {
            return Optional.empty();
        }
        Instant expiry = expiresAt.apply(item);
        return expiry == null || expiry.isAfter(clock.instant()) ? Optional.of(item) : Optional.empty();
    }

    /** Bounds memory: expired items would otherwise stay until read. */
    void purgeExpired() {
        Instant now = clock.instant();
        clients.values().removeIf(c -> c.expiresAt() != null && !c.expiresAt().isAfter(now));
        pending.values().removeIf(p -> !p.expiresAt().isAfter(now));
        codes.values().removeIf(c -> !c.expiresAt().isAfter(now));
        refreshTokens.values().removeIf(r -> !r.expiresAt().isAfter(now));
        grants.values().removeIf(g -> !g.expiresAt().isAfter(now));
        accessTokens.values().removeIf(a -> !a.expiresAt().isAfter(now));
    }
}
