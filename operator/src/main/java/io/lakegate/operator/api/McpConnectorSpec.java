package io.lakegate.operator.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Default;
import io.fabric8.generator.annotation.Max;
import io.fabric8.generator.annotation.Min;
import io.fabric8.generator.annotation.Required;
import io.fabric8.generator.annotation.Size;
import io.fabric8.generator.annotation.ValidationRule;
import io.fabric8.kubernetes.api.model.ResourceRequirements;

@JsonInclude(JsonInclude.Include.NON_NULL)
@ValidationRule(
        value = "!has(self.auth.oauthProxy) || !has(self.tokenStore) || self.tokenStore.type != 'DynamoDB' "
                + "|| (has(self.tokenStore.dynamodb) && has(self.tokenStore.dynamodb.encryptionKeySecretRef))",
        message = "auth.oauthProxy keeps upstream tokens in DynamoDB: set tokenStore.dynamodb.encryptionKeySecretRef")
@ValidationRule(
        value = "!has(self.auth.oauthProxy) || has(self.auth.oauthProxy.signingKeySecretRef) "
                + "|| (self.replicas == 1 && !has(self.autoscaling))",
        message = "with more than one replica every replica must accept every replica's tokens: set "
                + "auth.oauthProxy.signingKeySecretRef")
@ValidationRule(
        value = "(has(self.tokenStore) && self.tokenStore.type == 'DynamoDB') "
                + "|| (self.replicas == 1 && !has(self.autoscaling))",
        message = "the Memory token store keeps tokens and rate-limit counters per pod: run replicas: 1 without "
                + "autoscaling, or set tokenStore.type: DynamoDB to share them across replicas")
public class McpConnectorSpec {
    @Required
    @JsonPropertyDescription("DatabricksWorkspaces (same namespace) this connector serves.")
    private WorkspaceSelection workspaces;

    @Default("1")
    @Min(1)
    @Max(100)
    @JsonPropertyDescription("Pod count when autoscaling is not set.")
    private Integer replicas;

    @Required
    @Size(min = 1, max = 512)
    @JsonPropertyDescription("Connector container image.")
    private String image;

    @JsonPropertyDescription("Container resources; defaults to 100m/256Mi requests and 1 CPU/512Mi limits.")
    private ResourceRequirements resources;

    @Required
    @JsonPropertyDescription("Inbound OAuth settings for MCP clients.")
    private InboundAuth auth;

    @JsonPropertyDescription("Token store; Memory when absent.")
    private TokenStore tokenStore;

    private RateLimits rateLimits;
    private Telemetry telemetry;
    private ToolFilter tools;
    private Exposure exposure;
    private Autoscaling autoscaling;

    public WorkspaceSelection getWorkspaces() {
        return workspaces;
    }

    public void setWorkspaces(WorkspaceSelection workspaces) {
        this.workspaces = workspaces;
    }

    public Integer getReplicas() {
        return replicas == null ? 1 : replicas;
    }

    public void setReplicas(Integer replicas) {
        this.replicas = replicas;
    }

    public String getImage() {
        return image;
    }

    public void setImage(String image) {
        this.image = image;
    }

    public ResourceRequirements getResources() {
        return resources;
    }

    public void setResources(ResourceRequirements resources) {
        this.resources = resources;
    }

    public InboundAuth getAuth() {
        return auth;
    }

    public void setAuth(InboundAuth auth) {
        this.auth = auth;
    }

    public TokenStore getTokenStore() {
        return tokenStore;
    }

    public void setTokenStore(TokenStore tokenStore) {
        this.tokenStore = tokenStore;
    }

    public RateLimits getRateLimits() {
        return rateLimits;
    }

    public void setRateLimits(RateLimits rateLimits) {
        this.rateLimits = rateLimits;
    }

    public Telemetry getTelemetry() {
        return telemetry;
    }

    public void setTelemetry(Telemetry telemetry) {
        this.telemetry = telemetry;
    }

    public ToolFilter getTools() {
        return tools;
    }

    public void setTools(ToolFilter tools) {
        this.tools = tools;
    }

    public Exposure getExposure() {
        return exposure;
    }

    public void setExposure(Exposure exposure) {
        this.exposure = exposure;
    }

    public Autoscaling getAutoscaling() {
        return autoscaling;
    }

    public void setAutoscaling(Autoscaling autoscaling) {
        this.autoscaling = autoscaling;
    }
}
