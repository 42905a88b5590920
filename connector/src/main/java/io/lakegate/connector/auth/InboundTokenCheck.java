package io.lakegate.connector.auth;

import org.springframework.security.oauth2.jwt.Jwt;
import reactor.core.publisher.Mono;

/**
 * One more check of an inbound JWT whose signature, issuer, lifetime and audience already passed, contributed by a
 * feature that knows more about the token than its claims (the OAuth proxy: the grant behind its tokens still
 * stands). Refuse with {@link org.springframework.security.oauth2.jwt.BadJwtException} (401 {@code invalid_token},
 * its message as the description); never block: the check runs inside the resource server's decoder.
 */
public interface InboundTokenCheck {

    Mono<Void> check(Jwt jwt);
}
