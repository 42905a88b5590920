package io.lakegate.connector.tools.discovery;

import io.lakegate.connector.tools.ToolException;

/**
 * The one wording for "not there": used both when Databricks answers 404 and when the object is hidden as SCI, so a
 * caller cannot tell a hidden object from a missing one.
 */
public final class Missing {

    private Missing() {
    }

    public static ToolException catalog(String name) {
        return ToolException.notFound("catalog '" + name + "' does not exist or is not accessible");
    }

    public static ToolException schema(String catalog, String schema) {
        return ToolException.notFound("schema '" + catalog + "." + schema + "' does not exist or is not accessible");
    }

    public static ToolException table(String fullName) {
        return ToolException.notFound("table '" + fullName + "' does not exist or is not accessible");
    }

    public static ToolException genieSpace(String spaceId) {
        return ToolException.notFound("Genie space '" + spaceId + "' does not exist or is not accessible");
    }
}
