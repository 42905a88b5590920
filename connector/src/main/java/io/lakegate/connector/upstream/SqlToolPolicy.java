package io.lakegate.connector.upstream;

import java.util.List;

/**
 * The read-only allow-list of the Databricks SQL MCP server's tools. {@code execute_sql} runs writes too and is never
 * forwarded; anything Databricks adds later stays unavailable until reviewed and listed here.
 */
public final class SqlToolPolicy {

    public static final String EXECUTE_READ_ONLY = "execute_sql_read_only";
    public static final String POLL = "poll_sql_result";
    public static final List<String> ALLOWED = List.of(EXECUTE_READ_ONLY, POLL);

    private SqlToolPolicy() {}

    public static boolean allowed(String toolName) {
        return ALLOWED.contains(toolName);
    }
}
