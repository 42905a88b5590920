package io.lakegate.connector.databricks.model;

/** One tag on one securable or workspace object. */
public record TagAssignment(String key, String value) {}
