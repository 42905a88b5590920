package io.lakegate.emulator.auth;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Opaque bearer tokens issued by the emulator (like Databricks PATs, prefix {@code dapi}). Expired tokens stay known so
 * that they can be told apart from unknown ones in the 401 message.
 */
public final class TokenStore {

    /** What a token stands for. */
    public record Grant(String userName, Instant expiresAt, String scope) {}

    private final SecureRandom random = new SecureRandom();
    private final Map<String, Grant> tokens = new ConcurrentHashMap<>();
    private final Clock clock;

    public TokenStore(Clock clock) {
        this.clock = clock;
    }

    public String issue(String userName, Duration ttl, String scope) {
        byte[] bytes = new byte[16];
        random.nextBytes(bytes);
        String token = "dapi" + HexFormat.of().formatHex(bytes);
        tokens.put(token, new Grant(userName, clock.instant().plus(ttl), scope));
        return token;
    }

    public Optional<Grant> lookup(String token) {
        return Optional.ofNullable(tokens.get(token));
    }

    public boolean isExpired(Grant grant) {
        return !clock.instant().isBefore(grant.expiresAt());
    }
}
