package io.lakegate.connector.guard;

import java.util.Optional;

import net.sf.jsqlparser.expression.LongValue;
import net.sf.jsqlparser.statement.select.Limit;
import net.sf.jsqlparser.statement.select.Select;

/**
 * Enforces the row limit in the statement itself, so the warehouse never produces more rows than the caller may
 * receive: no LIMIT, {@code LIMIT ALL}, a computed limit or one above the maximum become {@code LIMIT max}; a smaller
 * literal limit and any OFFSET are kept.
 */
final class RowLimiter {

    private RowLimiter() {
    }

    /** Applies the limit; returns a note when the caller's LIMIT was lowered or added. */
    static Optional<String> enforce(Select select, long maxRows) {
        Limit limit = select.getLimit();
        if (limit == null) {
            select.setLimit(new Limit().withRowCount(new LongValue(maxRows)));
            return Optional.of("LIMIT " + maxRows + " added (the connector's row limit)");
        }
        if (!limit.isLimitAll() && !limit.isLimitNull() && limit.getRowCount() instanceof LongValue literal
                && literal.getValue() <= maxRows) {
            return Optional.empty();
        }
        String was = limit.getRowCount() == null ? "ALL" : limit.getRowCount().toString();
        limit.setLimitAll(false);
        limit.setLimitNull(false);
        limit.setRowCount(new LongValue(maxRows));
        return Optional.of("LIMIT " + was + " lowered to " + maxRows + " (the connector's row limit)");
    }
}
