package io.lakegate.emulator.auth;

import io.lakegate.emulator.access.AccessPolicy;
import io.lakegate.emulator.fault.Faults;
import io.lakegate.emulator.http.ApiException;
import java.time.Clock;
import java.util.Optional;
import reactor.core.publisher.Mono;

/**
 * Turns an {@code Authorization} header into a {@link Caller}: an emulator-issued token, or a JWT from a trusted issuer.
 * Missing credentials get Databricks' legacy numeric 401 body; invalid or expired ones a string error_code.
 */
public final class Authenticator {

    private final TokenStore tokens;
    private final AccessPolicy access;
    private final JwtAuthenticator jwts;
    private final Faults faults;
    private final Clock clock;

    public Authenticator(TokenStore tokens, AccessPolicy access, JwtAuthenticator jwts, Faults faults, Clock clock) {
        this.tokens = tokens;
        this.access = access;
        this.jwts = jwts;
        this.faults = faults;
        this.clock = clock;
    }

    public Mono<Caller> authenticate(String authorizationHeader) {
        Optional<String> bearer = bearer(authorizationHeader);
        if (bearer.isEmpty()) {
            return Mono.error(
                    new ApiException(401, 401, "Credential was not sent or was of an unsupported type for this API."));
        }
        String token = bearer.get();
        ApiException stale = faults.refusalOf(token, clock.instant());
        if (stale != null) {
            return Mono.error(stale);
        }
        return identify(token).doOnNext(caller -> faults.accepted(token));
    }

    private Mono<Caller> identify(String token) {
        Optional<TokenStore.Grant> grant = tokens.lookup(token);
        if (grant.isPresent()) {
            if (tokens.isExpired(grant.get())) {
                return Mono.error(unauthenticated("Token is expired."));
            }
            return member(new Caller(grant.get().userName(), "emulator-token"));
        }
        if (JwtAuthenticator.looksLikeJwt(token)) {
            return jwts.verify(token).flatMap(user -> member(new Caller(user, "jwt")));
        }
        return Mono.error(unauthenticated("Invalid access token."));
    }

    private Mono<Caller> member(Caller caller) {
        if (!access.isKnownUser(caller.userName())) {
            return Mono.error(new ApiException(403, "PERMISSION_DENIED", "User is not a member of this workspace."));
        }
        return Mono.just(caller);
    }

    static ApiException unauthenticated(String message) {
        return new ApiException(401, "UNAUTHENTICATED", message);
    }

    private static Optional<String> bearer(String header) {
        if (header == null) {
            return Optional.empty();
        }
        String h = header.trim();
        if (h.length() < 7 || !h.regionMatches(true, 0, "Bearer ", 0, 7)) {
            return Optional.empty();
        }
        String token = h.substring(7).trim();
        return token.isEmpty() ? Optional.empty() : Optional.of(token);
    }
}
