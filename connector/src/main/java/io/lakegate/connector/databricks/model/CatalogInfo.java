package io.lakegate.connector.databricks.model;

import io.lakegate.connector.databricks.Json;
import java.util.function.UnaryOperator;
import tools.jackson.databind.JsonNode;

/** The useful part of a Unity Catalog CatalogInfo. */
public record CatalogInfo(String name, String catalogType, String comment, String owner) {

    public CatalogInfo withComment(UnaryOperator<String> rewrite) {
        return new CatalogInfo(name, catalogType, rewrite.apply(comment), owner);
    }

    public static CatalogInfo from(JsonNode node) {
        return new CatalogInfo(
                Json.text(node, "name"),
                Json.text(node, "catalog_type"),
                Json.text(node, "comment"),
                Json.text(node, "owner"));
    }
}
