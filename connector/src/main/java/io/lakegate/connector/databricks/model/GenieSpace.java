package io.lakegate.connector.databricks.model;

import io.lakegate.connector.databricks.Json;
import java.util.function.UnaryOperator;
import tools.jackson.databind.JsonNode;

/** The useful part of a Genie space (never its serialized definition). */
public record GenieSpace(String spaceId, String title, String description, String warehouseId) {

    public GenieSpace withDescription(UnaryOperator<String> rewrite) {
        return new GenieSpace(spaceId, title, rewrite.apply(description), warehouseId);
    }

    public static GenieSpace from(JsonNode node) {
        return new GenieSpace(
                Json.text(node, "space_id"),
                Json.text(node, "title"),
                Json.text(node, "description"),
                Json.text(node, "warehouse_id"));
    }
}
