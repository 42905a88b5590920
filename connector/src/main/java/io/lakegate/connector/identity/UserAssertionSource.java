package io.lakegate.connector.identity;

import reactor.core.publisher.Mono;

/**
 * The user assertion an on-behalf-of exchange starts from. Directly protected: the caller's inbound token. Behind
 * Lakegate's OAuth proxy: the upstream identity-provider token stored for the proxy-issued token.
 */
public interface UserAssertionSource {

    Mono<String> assertion(CallerIdentity caller);
}
