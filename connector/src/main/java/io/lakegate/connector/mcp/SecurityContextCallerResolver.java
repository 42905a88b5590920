package io.lakegate.connector.mcp;

import io.lakegate.connector.identity.CallerIdentity;
import java.util.Set;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.ReactiveSecurityContextHolder;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

/**
 * Reads the caller from Spring Security's reactive context (set by the resource server before these filters run): the
 * {@link CallerIdentity} principal every Lakegate authentication mode builds (claims are mapped once, by the mode's
 * converter). The same object goes on to the tools and the audit.
 */
public class SecurityContextCallerResolver implements McpCallerResolver {

    @Override
    public Mono<CallerIdentity> resolve(ServerWebExchange exchange) {
        return ReactiveSecurityContextHolder.getContext()
                .map(SecurityContext::getAuthentication)
                .filter(Authentication::isAuthenticated)
                .map(SecurityContextCallerResolver::caller)
                .defaultIfEmpty(ANONYMOUS);
    }

    static CallerIdentity caller(Authentication auth) {
        if (auth.getPrincipal() instanceof CallerIdentity identity) {
            return identity;
        }
        // no Lakegate mode builds another principal; keyed by its name, never sharing a session with another user
        return new CallerIdentity(auth.getName(), auth.getName(), null, Set.of(), null);
    }
}
