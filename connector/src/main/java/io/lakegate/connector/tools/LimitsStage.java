package io.lakegate.connector.tools;

import io.lakegate.connector.resilience.RateLimits;
import io.lakegate.connector.resilience.UserBulkheads;
import io.modelcontextprotocol.spec.McpSchema.CallToolResult;
import org.springframework.core.Ordered;
import reactor.core.publisher.Mono;

/**
 * The caller's share of this replica: the per-user bulkhead first, so a user already at his concurrency cap is
 * refused before he costs a permit of the workspace or tool rate limits that other users share, then those limits.
 * Refusals are {@link io.lakegate.connector.resilience.ResilienceException}s, mapped to results by the observation
 * stage.
 */
public class LimitsStage implements ToolInterceptor, Ordered {

    private final RateLimits rateLimits;
    private final UserBulkheads bulkheads;

    public LimitsStage(RateLimits rateLimits, UserBulkheads bulkheads) {
        this.rateLimits = rateLimits;
        this.bulkheads = bulkheads;
    }

    @Override
    public int getOrder() {
        return ToolStages.LIMITS;
    }

    @Override
    public Mono<CallToolResult> intercept(ToolCall call, Next next) {
        return bulkheads.limit(
                call.user(),
                rateLimits.limitToolCall(call.workspaceName(), call.toolName(), Mono.defer(() -> next.proceed(call))));
    }
}
