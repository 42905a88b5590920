package io.lakegate.operator.api;

import com.fasterxml.jackson.annotation.JsonProperty;

/** Cloud hosting the Databricks workspace; decides which identity modes make sense. */
public enum Cloud {
    @JsonProperty("azure")
    AZURE("azure"),
    @JsonProperty("aws")
    AWS("aws"),
    @JsonProperty("gcp")
    GCP("gcp");

    private final String wireName;

    Cloud(String wireName) {
        this.wireName = wireName;
    }

    /** The value used in the CRD and in the connector's workspace registry. */
    public String wireName() {
        return wireName;
    }
}
