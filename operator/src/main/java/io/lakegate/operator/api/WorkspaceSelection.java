package io.lakegate.operator.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Size;
import io.fabric8.generator.annotation.ValidationRule;
import io.fabric8.kubernetes.api.model.LabelSelector;
import java.util.List;

/** The DatabricksWorkspaces (same namespace) a connector serves: by name, by label, or both (union). */
@JsonInclude(JsonInclude.Include.NON_NULL)
@ValidationRule(
        value = "(has(self.names) && size(self.names) > 0) || has(self.selector)",
        message = "workspaces must list at least one DatabricksWorkspace name or set a label selector: a connector "
                + "without workspaces has nothing to serve")
public class WorkspaceSelection {
    @Size(max = 32)
    @JsonPropertyDescription("Names of DatabricksWorkspaces in this namespace.")
    private List<String> names;

    @JsonPropertyDescription("Label selector over DatabricksWorkspaces in this namespace.")
    private LabelSelector selector;

    public List<String> getNames() {
        return names;
    }

    public void setNames(List<String> names) {
        this.names = names;
    }

    public LabelSelector getSelector() {
        return selector;
    }

    public void setSelector(LabelSelector selector) {
        this.selector = selector;
    }
}
