package io.lakegate.connector.mcp;

import io.lakegate.connector.identity.CallerIdentity;
import java.util.Map;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.ReactiveSecurityContextHolder;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.oauth2.core.OAuth2AuthenticatedPrincipal;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

/**
 * Reads the caller from Spring Security's reactive context (set by the resource server before these filters run):
 * the {@link CallerIdentity} principal every Lakegate authentication mode produces, else JWT/introspection claims:
 * subject = {@code oid} (Entra object id) else {@code sub}; client = {@code azp}, {@code appid} or {@code client_id}.
 */
public class SecurityContextCallerResolver implements McpCallerResolver {

    @Override
    public Mono<McpCaller> resolve(ServerWebExchange exchange) {
        return ReactiveSecurityContextHolder.getContext()
                .map(SecurityContext::getAuthentication)
                .filter(Authentication::isAuthenticated)
                .map(SecurityContextCallerResolver::caller)
                .defaultIfEmpty(McpCaller.ANONYMOUS);
    }

    static McpCaller caller(Authentication auth) {
        if (auth.getPrincipal() instanceof CallerIdentity identity) {
            return new McpCaller(identity.subject(), identity.clientId() == null ? "unknown" : identity.clientId());
        }
        Map<String, Object> claims = claimsOf(auth.getPrincipal());
        if (claims == null) {
            return new McpCaller(auth.getName(), "unknown");
        }
        String subject = first(claims, "oid", "sub");
        String client = first(claims, "azp", "appid", "client_id");
        return new McpCaller(subject == null ? auth.getName() : subject, client == null ? "unknown" : client);
    }

    private static Map<String, Object> claimsOf(Object principal) {
        if (principal instanceof Jwt jwt) {
            return jwt.getClaims();
        }
        if (principal instanceof OAuth2AuthenticatedPrincipal p) {
            return p.getAttributes();
        }
        return null;
    }

    private static String first(Map<String, Object> claims, String... names) {
        for (String name : names) {
            Object v = claims.get(name);
            if (v != null && !v.toString().isBlank()) {
                return v.toString();
            }
        }
        return null;
    }
}
