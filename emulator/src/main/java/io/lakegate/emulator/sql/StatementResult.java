package io.lakegate.emulator.sql;

import java.util.List;

/**
 * The outcome of one executed statement: result columns and rows as JSON_ARRAY strings (null cells stay null),
 * {@code truncated} when row_limit cut the rows; for writes an empty column list and the affected row count.
 */
public record StatementResult(
        List<ResultColumn> columns, List<List<String>> rows, boolean truncated, boolean write, long affectedRows) {

    /** One result column with its Databricks type. */
    public record ResultColumn(
            String name, int position, String typeName, String typeText, Integer precision, Integer scale) {}
}
