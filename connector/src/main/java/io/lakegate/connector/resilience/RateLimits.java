package io.lakegate.connector.resilience;

import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import reactor.core.publisher.Mono;

/**
 * All rate limits of this replica. The HTTP layer limits every MCP request per user and per OAuth client; the tool
 * layer limits tool calls per workspace and per tool (only known once the call is parsed), so no call is counted
 * twice against the same scope.
 */
public class RateLimits {

    private final RateLimitProperties props;
    private final Map<RateLimitScope, KeyedRateLimiter> byScope = new EnumMap<>(RateLimitScope.class);
    private final Map<String, KeyedRateLimiter> perToolOverride = new ConcurrentHashMap<>();
    private final Consumer<RateLimitScope> onReject;

    public RateLimits(RateLimitProperties props, Consumer<RateLimitScope> onReject) {
        this.props = props;
        this.onReject = onReject;
        for (RateLimitScope scope : RateLimitScope.values()) {
            RateLimitProperties.Limit limit = props.limitFor(scope);
            if (!limit.isUnlimited()) {
                byScope.put(scope, new KeyedRateLimiter(scope, limit, props, onReject));
            }
        }
        props.getTools().forEach((tool, limit) -> {
            if (!limit.isUnlimited()) {
                perToolOverride.put(tool, new KeyedRateLimiter(RateLimitScope.TOOL, limit, props, onReject));
            }
        });
    }

    /**
     * HTTP layer: one MCP request by {@code user} through {@code clientId}. The outer operator takes its permit first,
     * so the user's own limit is the outer one: a user over it is refused before the request costs a permit of the
     * OAuth client, which other users of the same client share.
     */
    public <T> Mono<T> limitRequest(String user, String clientId, Mono<T> call) {
        return apply(RateLimitScope.USER, user, apply(RateLimitScope.CLIENT, clientId, call));
    }

    /** Tool layer: one tool call against {@code workspace}. */
    public <T> Mono<T> limitToolCall(String workspace, String tool, Mono<T> call) {
        Mono<T> limited = apply(RateLimitScope.WORKSPACE, workspace, call);
        KeyedRateLimiter toolLimiter =
                props.getTools().containsKey(tool) ? perToolOverride.get(tool) : byScope.get(RateLimitScope.TOOL);
        return toolLimiter == null || !props.isEnabled() ? limited : toolLimiter.limit(tool, limited);
    }

    private <T> Mono<T> apply(RateLimitScope scope, String key, Mono<T> call) {
        KeyedRateLimiter limiter = byScope.get(scope);
        if (!props.isEnabled() || limiter == null || key == null) {
            return call;
        }
        return limiter.limit(key, call);
    }
}
