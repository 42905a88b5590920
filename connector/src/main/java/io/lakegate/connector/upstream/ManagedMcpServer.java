package io.lakegate.connector.upstream;

import io.lakegate.connector.databricks.DatabricksClient;

/** A Databricks managed MCP server of a workspace, by path. */
public record ManagedMcpServer(String path, String label) {

    public static ManagedMcpServer genieSpace(String spaceId) {
        return new ManagedMcpServer(
                "/api/2.0/mcp/genie/" + DatabricksClient.segment(spaceId), "Genie space '" + spaceId + "'");
    }

    public static ManagedMcpServer sql() {
        return new ManagedMcpServer("/api/2.0/mcp/sql", "Databricks SQL");
    }
}
