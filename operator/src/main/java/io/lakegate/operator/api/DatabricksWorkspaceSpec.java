package io.lakegate.operator.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Default;
import io.fabric8.generator.annotation.Pattern;
import io.fabric8.generator.annotation.Required;
import io.fabric8.generator.annotation.Size;
import io.fabric8.generator.annotation.ValidationRule;
import java.util.List;

@JsonInclude(JsonInclude.Include.NON_NULL)
@ValidationRule(
        value = "self.host.startsWith('https://') || (has(self.allowInsecureHttp) && self.allowInsecureHttp)",
        message =
                "host must be an https:// URL; plain http is accepted only with allowInsecureHttp: true (local emulator)")
@ValidationRule(
        value = "self.identity.mode != 'OnBehalfOf' || self.cloud == 'azure'",
        message = "identity mode OnBehalfOf uses Entra ID and is only available for cloud azure; use TokenFederation "
                + "for aws and gcp")
public class DatabricksWorkspaceSpec {
    @Required
    @Size(max = 253)
    @Pattern("^https?://[A-Za-z0-9.-]+(:[0-9]{1,5})?/?$")
    @ValidationRule(
            value = "self == oldSelf",
            message = "host is immutable: create a new DatabricksWorkspace to point connectors at another workspace")
    @JsonPropertyDescription("Workspace URL, e.g. https://adb-123.4.azuredatabricks.net. Immutable.")
    private String host;

    @Default("false")
    @JsonPropertyDescription("Accept an http:// host. Only for the local Databricks emulator.")
    private Boolean allowInsecureHttp;

    @Required
    @JsonPropertyDescription("azure, aws or gcp.")
    private Cloud cloud;

    @Required
    @JsonPropertyDescription("How the connector obtains a Databricks token on behalf of the signed-in user.")
    private WorkspaceIdentity identity;

    @JsonPropertyDescription("Tags marking SCI assets (one or more rules, system class.* tags included); defaults to "
            + "classification=SCI.")
    private SciPolicy sci;

    @Size(max = 64)
    @JsonPropertyDescription("Genie space ids the connector may use; empty or absent means all spaces.")
    private List<String> genieSpaceAllowList;

    @Size(max = 64)
    @Pattern("^[A-Za-z0-9]+$")
    @JsonPropertyDescription("SQL warehouse used for the information_schema tag query.")
    private String tagWarehouseId;

    public String getHost() {
        return host;
    }

    public void setHost(String host) {
        this.host = host;
    }

    public Boolean getAllowInsecureHttp() {
        return allowInsecureHttp;
    }

    public void setAllowInsecureHttp(Boolean allowInsecureHttp) {
        this.allowInsecureHttp = allowInsecureHttp;
    }

    public Cloud getCloud() {
        return cloud;
    }

    public void setCloud(Cloud cloud) {
        this.cloud = cloud;
    }

    public WorkspaceIdentity getIdentity() {
        return identity;
    }

    public void setIdentity(WorkspaceIdentity identity) {
        this.identity = identity;
    }

    public SciPolicy getSci() {
        return sci;
    }

    public void setSci(SciPolicy sci) {
        this.sci = sci;
    }

    public List<String> getGenieSpaceAllowList() {
        return genieSpaceAllowList;
    }

    public void setGenieSpaceAllowList(List<String> genieSpaceAllowList) {
        this.genieSpaceAllowList = genieSpaceAllowList;
    }

    public String getTagWarehouseId() {
        return tagWarehouseId;
    }

    public void setTagWarehouseId(String tagWarehouseId) {
        this.tagWarehouseId = tagWarehouseId;
    }
}
