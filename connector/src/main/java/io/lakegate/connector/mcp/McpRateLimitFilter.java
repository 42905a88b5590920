package io.lakegate.connector.mcp;

import io.lakegate.connector.identity.CallerIdentity;
import io.lakegate.connector.resilience.RateLimitExceededException;
import io.lakegate.connector.resilience.RateLimits;
import java.util.Map;
import java.util.Optional;
import org.springframework.core.Ordered;
import org.springframework.http.HttpStatus;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;
import reactor.core.publisher.Mono;

/**
 * HTTP-layer rate limits: every request on the MCP endpoint counts against its user and its OAuth client. Over the
 * limit the request never reaches the MCP server: 429, {@code Retry-After} in seconds, and a JSON-RPC error naming
 * the limit. Runs after authentication (the caller must be known) and the tool scopes, before the dispatcher does any work.
 */
public class McpRateLimitFilter implements WebFilter, Ordered {

    public static final int ORDER = McpFrontDoor.RATE_LIMIT;

    private static final Optional<RateLimitExceededException> NO_REJECTION = Optional.empty();

    private final String mcpPath;
    private final RateLimits rateLimits;
    private final McpCallerResolver callers;

    public McpRateLimitFilter(String mcpPath, RateLimits rateLimits, McpCallerResolver callers) {
        this.mcpPath = mcpPath;
        this.rateLimits = rateLimits;
        this.callers = callers;
    }

    @Override
    public int getOrder() {
        return ORDER;
    }

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
        if (!McpPaths.isMcp(exchange, mcpPath)) {
            return chain.filter(exchange);
        }
        return callers.resolve(exchange)
                .flatMap(caller -> rateLimits
                        .limitRequest(caller.subject(), clientKey(caller), Mono.just(NO_REJECTION))
                        .onErrorResume(RateLimitExceededException.class, e -> Mono.just(Optional.of(e))))
                .flatMap(rejection ->
                        rejection.isPresent() ? tooManyRequests(exchange, rejection.get()) : chain.filter(exchange));
    }

    private static Mono<Void> tooManyRequests(ServerWebExchange exchange, RateLimitExceededException e) {
        exchange.getResponse().getHeaders().set("Retry-After", Long.toString(e.retryAfterSeconds()));
        JsonRpcEnvelope envelope = JsonRpcEnvelope.of(exchange);
        return JsonRpcErrors.write(
                exchange,
                HttpStatus.TOO_MANY_REQUESTS,
                envelope == null ? null : envelope.rawId(),
                JsonRpcErrors.RATE_LIMITED,
                e.getMessage(),
                Map.of("code", e.code(), "scope", e.scope().name(), "retryAfterSeconds", e.retryAfterSeconds()));
    }

    /** A token without a client id is limited with every other such token, not left unlimited. */
    private static String clientKey(CallerIdentity caller) {
        return caller.clientId() == null ? "unknown" : caller.clientId();
    }
}
