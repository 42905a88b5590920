package io.lakegate.connector.auth;

import io.lakegate.connector.databricks.DatabricksCredentialsException;
import io.lakegate.connector.identity.CallerIdentity;
import io.lakegate.connector.identity.UserAssertionSource;
import reactor.core.publisher.Mono;

/**
 * The default {@link UserAssertionSource} when the connector is the resource server itself: the caller's own,
 * already validated inbound token is the assertion. The OAuth proxy replaces it with a {@code @Primary} bean.
 */
public class InboundTokenAssertionSource implements UserAssertionSource {

    @Override
    public Mono<String> assertion(CallerIdentity caller) {
        String token = caller.inboundToken();
        if (token == null || token.isBlank()) {
            return Mono.error(new DatabricksCredentialsException("the request carries no bearer token to exchange"));
        }
        return Mono.just(token);
    }
}
