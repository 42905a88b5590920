package io.lakegate.operator.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import java.util.ArrayList;
import java.util.List;

@JsonInclude(JsonInclude.Include.NON_NULL)
public class McpConnectorStatus implements HasConditions {
    @JsonPropertyDescription(
            "Accepted (references resolved), Available (a replica serves), Ready (all replicas updated and ready).")
    private List<Condition> conditions = new ArrayList<>();

    private Long observedGeneration;
    private Integer replicas;
    private Integer readyReplicas;

    @JsonPropertyDescription("MCP endpoint URL (Streamable HTTP).")
    private String url;

    @JsonPropertyDescription("Number of resolved workspaces served.")
    private Integer workspaceCount;

    @JsonPropertyDescription("Resolution of each selected workspace, sorted by name.")
    private List<WorkspaceResolution> workspaces = new ArrayList<>();

    @JsonPropertyDescription("SHA-256 of the rendered configuration and referenced Secret values on the pod template.")
    private String configHash;

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

    public Integer getReplicas() {
        return replicas;
    }

    public void setReplicas(Integer replicas) {
        this.replicas = replicas;
    }

    public Integer getReadyReplicas() {
        return readyReplicas;
    }

    public void setReadyReplicas(Integer readyReplicas) {
        this.readyReplicas = readyReplicas;
    }

    public String getUrl() {
        return url;
    }

    public void setUrl(String url) {
        this.url = url;
    }

    public Integer getWorkspaceCount() {
        return workspaceCount;
    }

    public void setWorkspaceCount(Integer workspaceCount) {
        this.workspaceCount = workspaceCount;
    }

    public List<WorkspaceResolution> getWorkspaces() {
        return workspaces;
    }

    public void setWorkspaces(List<WorkspaceResolution> workspaces) {
        this.workspaces = workspaces;
    }

    public String getConfigHash() {
        return configHash;
    }

    public void setConfigHash(String configHash) {
        this.configHash = configHash;
    }
}
