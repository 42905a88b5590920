package io.lakegate.connector.databricks.model;

import io.lakegate.connector.databricks.Json;
import tools.jackson.databind.JsonNode;

/** One hit of {@code /table-summaries}. */
public record TableSummary(String fullName, String tableType) {

    public static TableSummary from(JsonNode node) {
        return new TableSummary(Json.text(node, "full_name"), Json.text(node, "table_type"));
    }
}
