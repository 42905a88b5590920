package io.lakegate.operator.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import java.util.ArrayList;
import java.util.List;

@JsonInclude(JsonInclude.Include.NON_NULL)
public class DatabricksWorkspaceStatus implements HasConditions {
    @JsonPropertyDescription("Accepted (spec valid, Secrets resolved) and Ready.")
    private List<Condition> conditions = new ArrayList<>();

    @JsonPropertyDescription("metadata.generation the status was computed from.")
    private Long observedGeneration;

    @JsonPropertyDescription("Number of McpConnectors in this namespace that serve this workspace.")
    private Integer connectorCount;

    @Override
    public List<Condition> getConditions() {
        return conditions;
    }

    @Override
    public void setConditions(List<Condition> conditions) {
        this.conditions = conditions;
    }

    public Long getObservedGeneration() {
        return observedGeneration;
    }

    public void setObservedGeneration(Long observedGeneration) {
        this.observedGeneration = observedGeneration;
    }

    public Integer getConnectorCount() {
        return connectorCount;
    }

    public void setConnectorCount(Integer connectorCount) {
        this.connectorCount = connectorCount;
    }
}
