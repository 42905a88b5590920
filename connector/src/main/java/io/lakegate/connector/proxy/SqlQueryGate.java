package io.lakegate.connector.proxy;

import io.lakegate.connector.tools.ToolCall;
import reactor.core.publisher.Mono;

/**
 * A check of the SQL text before {@code proxy_to_sql} forwards {@code execute_sql_read_only}. This is the seam where
 * the query guard ({@code guard.SqlGuard}) plugs in: declare a bean implementing this interface that calls
 * {@code SqlGuard.check(sql, ctx)} and completes with the SQL to forward (the guard's regenerated statement), or
 * errors with a {@link io.lakegate.connector.tools.ToolException} of code {@code INVALID_QUERY} naming the offending
 * token or table. Every gate bean runs, in {@link org.springframework.core.Ordered} order, each on the previous one's
 * output.
 */
public interface SqlQueryGate {

    Mono<String> check(ToolCall call, String sql);
}
