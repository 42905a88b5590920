package io.lakegate.connector.upstream;

import io.lakegate.connector.guard.MetadataListing;
import io.lakegate.connector.tools.ToolCall;
import java.util.Objects;
import java.util.Optional;
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

    /** The statement to forward and, for an accepted SHOW/DESCRIBE, what it lists (its rows are filtered for SCI). */
    record Gated(String sql, Optional<MetadataListing> listing) {
        public Gated {
            Objects.requireNonNull(sql, "sql");
            Objects.requireNonNull(listing, "listing");
        }
    }

    Mono<String> check(ToolCall call, String sql);

    /**
     * {@link #check} with what the gate learned about the statement; a gate that accepts SHOW/DESCRIBE overrides this
     * to return the decision's listing, so that the result rows naming SCI objects are dropped.
     */
    default Mono<Gated> gate(ToolCall call, String sql) {
        return check(call, sql).map(forwarded -> new Gated(forwarded, Optional.empty()));
    }
}
