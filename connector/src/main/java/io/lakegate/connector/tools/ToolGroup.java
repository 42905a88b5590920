package io.lakegate.connector.tools;

import java.util.Locale;

/**
 * The family a tool belongs to. Each tool declares its group beside its schema; in identity mode {@code oauth} the group
 * decides which scope a call needs ({@code lakegate.auth.tool-scopes.<group>}), so a new tool cannot end up under the
 * wrong scope by omission.
 */
public enum ToolGroup {
    /** Reads Unity Catalog, warehouses and the Genie space list through Databricks' REST APIs. */
    DISCOVERY,
    /** Talks to Genie's managed MCP servers (per space, or Genie One). */
    GENIE,
    /** Talks to the Databricks SQL managed MCP server. */
    SQL;

    /** The group's name in configuration and in the tool snapshot: {@code discovery}, {@code genie}, {@code sql}. */
    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }
}
