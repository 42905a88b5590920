package io.lakegate.connector.databricks.model;

import io.lakegate.connector.databricks.Json;
import java.util.function.UnaryOperator;
import tools.jackson.databind.JsonNode;

/** The useful part of a Unity Catalog ColumnInfo. */
public record ColumnInfo(String name, String typeText, Boolean nullable, String comment, Integer partitionIndex) {

    public ColumnInfo withComment(UnaryOperator<String> rewrite) {
        return new ColumnInfo(name, typeText, nullable, rewrite.apply(comment), partitionIndex);
    }

    public static ColumnInfo from(JsonNode node) {
        String typeText = Json.text(node, "type_text");
        return new ColumnInfo(
                Json.text(node, "name"),
                typeText != null ? typeText : Json.text(node, "type_name"),
                Json.bool(node, "nullable"),
                Json.text(node, "comment"),
                Json.integer(node, "partition_index"));
    }
}
