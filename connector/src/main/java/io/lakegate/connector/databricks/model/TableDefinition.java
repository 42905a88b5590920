package io.lakegate.connector.databricks.model;

import io.lakegate.connector.databricks.Json;
import tools.jackson.databind.JsonNode;

/**
 * A table as the SQL guard needs it: the detail plus, for a view, its definition. Kept apart from {@link TableDetail}
 * on purpose: a view's text can name SCI tables, so it must never reach a tool result; only the guard reads it.
 */
public record TableDefinition(TableDetail detail, String viewDefinition) {

    public boolean isView() {
        String type = detail.tableType();
        return "VIEW".equalsIgnoreCase(type)
                || "MATERIALIZED_VIEW".equalsIgnoreCase(type)
                || "METRIC_VIEW".equalsIgnoreCase(type);
    }

    public static TableDefinition from(JsonNode node) {
        return new TableDefinition(TableDetail.from(node), Json.text(node, "view_definition"));
    }
}
