package io.lakegate.connector.databricks.model;

import io.lakegate.connector.databricks.Json;
import java.util.function.UnaryOperator;
import tools.jackson.databind.JsonNode;

/** The useful part of a Unity Catalog SchemaInfo. */
public record SchemaInfo(String name, String catalogName, String fullName, String comment, String owner) {

    public SchemaInfo withComment(UnaryOperator<String> rewrite) {
        return new SchemaInfo(name, catalogName, fullName, rewrite.apply(comment), owner);
    }

    public static SchemaInfo from(JsonNode node) {
        String catalog = Json.text(node, "catalog_name");
        String name = Json.text(node, "name");
        String fullName = Json.text(node, "full_name");
        return new SchemaInfo(
                name,
                catalog,
                fullName != null ? fullName : catalog + "." + name,
                Json.text(node, "comment"),
                Json.text(node, "owner"));
    }
}
