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
 * restart. For the demo and tests. Single use is {@link ConcurrentHashMap#remove(Object)}: only one caller gets the
 * item.
 */
public class InMemoryTokenStore implements TokenStore {

    private static final int PURGE_EVERY_WRITES = 256;

    private final Clock clock;
    private final Map<String, ClientRegistration> clients = new ConcurrentHashMap<>();
    private final Map<String, PendingAuthorization> pending = new ConcurrentHashMap<>();
    private final Map<String, AuthorizationCode> codes = new ConcurrentHashMap<>();
    private final Map<String, RefreshToken> refreshTokens = new ConcurrentHashMap<>();
    private final Map<String, Grant> grants = new ConcurrentHashMap<>();
    private final Map<String, IssuedAccessToken> accessTokens = new ConcurrentHashMap<>();
    private final AtomicInteger writes = new AtomicInteger();

    public InMemoryTokenStore(Clock clock) {
        this.clock = clock;
    }

    @Override
    public void saveClient(ClientRegistration client) {
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
        put(codes, TokenHashes.sha256(code), authorizationCode);
    }

    @Override
    public Optional<AuthorizationCode> redeemCode(String code) {
        return live(codes.remove(TokenHashes.sha256(code)), AuthorizationCode::expiresAt);
    }

    @Override
    public void saveRefreshToken(String token, RefreshToken refreshToken) {
        put(refreshTokens, TokenHashes.sha256(token), refreshToken);
    }

    @Override
    public Optional<RefreshToken> redeemRefreshToken(String token) {
        return live(refreshTokens.remove(TokenHashes.sha256(token)), RefreshToken::expiresAt);
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
