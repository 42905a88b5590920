package io.lakegate.operator.api;

/** Where the connector caches downstream Databricks tokens and fleet-wide rate-limit counters. */
public enum TokenStoreType {
    /** Per-pod memory: only valid with a single replica. */
    Memory,
    /** A DynamoDB table shared by all replicas. */
    DynamoDB
}
