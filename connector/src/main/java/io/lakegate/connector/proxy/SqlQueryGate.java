package io.lakegate.connector.proxy;

import io.lakegate.connector.tools.ToolCall;
import reactor.core.publisher.Mono;

/**
 * A check of the SQL text before {@code proxy_to_sql} forwards {@code execute_sql_read_only}. This is the seam where
 * the query guard ({@code guard.SqlGuard}) plugs in: declare a bean implementing this interface that calls
 * {@code SqlGuard.check(sql, ctx)} and completes empty to allow, or errors with a
 * {@link io.lakegate.connector.tools.ToolException} of code {@code INVALID_QUERY} naming the offending token or table.
 * Every gate bean runs, in {@link org.springframework.core.Ordered} order, on every forwarded query.
 */
public interface SqlQueryGate {

    Mono<Void> check(ToolCall call, String sql);
}
