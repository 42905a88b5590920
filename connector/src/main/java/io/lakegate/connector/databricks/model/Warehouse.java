package io.lakegate.connector.databricks.model;

import io.lakegate.connector.databricks.Json;
import tools.jackson.databind.JsonNode;

/** The useful part of a SQL warehouse's EndpointInfo. */
public record Warehouse(
        String id, String name, String state, String clusterSize, String warehouseType, Boolean serverless) {

    public static Warehouse from(JsonNode node) {
        return new Warehouse(
                Json.text(node, "id"),
                Json.text(node, "name"),
                Json.text(node, "state"),
                Json.text(node, "cluster_size"),
                Json.text(node, "warehouse_type"),
                Json.bool(node, "enable_serverless_compute"));
    }

    public boolean running() {
        return "RUNNING".equals(state);
    }
}
