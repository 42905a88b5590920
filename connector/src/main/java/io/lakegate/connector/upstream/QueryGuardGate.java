package io.lakegate.connector.upstream;

import io.lakegate.connector.guard.GuardDecision;
import io.lakegate.connector.tools.ToolCall;
import io.lakegate.connector.tools.ToolErrorCode;
import io.lakegate.connector.tools.ToolException;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/**
 * The SQL guard on {@code proxy_to_sql}: an accepted query is replaced by the guard's rendered statement; a refused
 * one becomes the tool error {@code INVALID_QUERY} with the offending token, the refusal kind and the reason in its
 * details.
 */
@Component
public class QueryGuardGate implements SqlQueryGate {

    private final CallerGuardContexts contexts;

    public QueryGuardGate(CallerGuardContexts contexts) {
        this.contexts = contexts;
    }

    @Override
    public Mono<String> check(ToolCall call, String sql) {
        return gate(call, sql).map(Gated::sql);
    }

    /** The accepted statement with its listing, so that SHOW/DESCRIBE rows naming SCI objects are dropped. */
    @Override
    public Mono<Gated> gate(ToolCall call, String sql) {
        return contexts.decide(call, sql).map(decision -> {
            if (decision instanceof GuardDecision.Allowed allowed) {
                return new Gated(allowed.sql(), allowed.listing());
            }
            GuardDecision.Refused refused = (GuardDecision.Refused) decision;
            Map<String, Object> details = new LinkedHashMap<>();
            details.put("offending_token", refused.offendingToken());
            details.put("refusal", refused.kind().name());
            throw new ToolException(
                    ToolErrorCode.INVALID_QUERY,
                    refused.reason() + " (offending token: " + refused.offendingToken() + ")",
                    details);
        });
    }
}
