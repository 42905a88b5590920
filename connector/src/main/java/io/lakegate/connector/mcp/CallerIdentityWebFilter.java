package io.lakegate.connector.mcp;

import io.lakegate.connector.identity.CallerIdentity;
import io.lakegate.connector.identity.McpCallerContext;
import org.springframework.core.Ordered;
import org.springframework.security.core.context.ReactiveSecurityContextHolder;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;
import reactor.core.publisher.Mono;

/**
 * Runs after Spring Security (so inside its Reactor context) and copies the authenticated principal, when it is a
 * {@link CallerIdentity}, into the exchange attribute the MCP transport's context extractor reads: the extractor runs
 * synchronously and cannot read the Reactor context itself. Every authentication mode's job is thus only to
 * authenticate with a CallerIdentity principal.
 */
@Component
public class CallerIdentityWebFilter implements WebFilter, Ordered {

    @Override
    public int getOrder() {
        return McpFrontDoor.CALLER;
    }

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
        return ReactiveSecurityContextHolder.getContext()
                .mapNotNull(SecurityContext::getAuthentication)
                .filter(auth -> auth.isAuthenticated() && auth.getPrincipal() instanceof CallerIdentity)
                .doOnNext(
                        auth -> exchange.getAttributes().put(McpCallerContext.EXCHANGE_ATTRIBUTE, auth.getPrincipal()))
                .then(chain.filter(exchange));
    }
}
