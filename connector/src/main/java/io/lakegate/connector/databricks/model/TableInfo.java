package io.lakegate.connector.databricks.model;

import io.lakegate.connector.databricks.Json;
import tools.jackson.databind.JsonNode;

/** A table as listed (columns and properties omitted). */
public record TableInfo(
        String name, String catalogName, String schemaName, String fullName, String tableType, String comment) {

    public static TableInfo from(JsonNode node) {
        String catalog = Json.text(node, "catalog_name");
        String schema = Json.text(node, "schema_name");
        String name = Json.text(node, "name");
        String fullName = Json.text(node, "full_name");
        return new TableInfo(
                name,
                catalog,
                schema,
                fullName != null ? fullName : catalog + "." + schema + "." + name,
                Json.text(node, "table_type"),
                Json.text(node, "comment"));
    }
}
