package io.lakegate.operator.workspace;

import io.lakegate.operator.api.DatabricksWorkspace;
import io.lakegate.operator.api.McpConnector;
import io.lakegate.operator.api.WorkspaceSelection;
import java.util.List;
import java.util.Objects;

/** Whether a connector serves a workspace: same namespace, and named in the list or matched by the selector. */
public final class WorkspaceSelectors {
    private WorkspaceSelectors() {}

    public static boolean selects(McpConnector connector, DatabricksWorkspace workspace) {
        if (!Objects.equals(
                connector.getMetadata().getNamespace(), workspace.getMetadata().getNamespace())) {
            return false;
        }
        WorkspaceSelection selection =
                connector.getSpec() == null ? null : connector.getSpec().getWorkspaces();
        if (selection == null) {
            return false;
        }
        if (names(connector).contains(workspace.getMetadata().getName())) {
            return true;
        }
        return selection.getSelector() != null
                && LabelSelectorMatcher.matches(
                        selection.getSelector(), workspace.getMetadata().getLabels());
    }

    public static List<String> names(McpConnector connector) {
        WorkspaceSelection selection =
                connector.getSpec() == null ? null : connector.getSpec().getWorkspaces();
        return selection == null || selection.getNames() == null ? List.of() : selection.getNames();
    }

    public static boolean usesSelector(McpConnector connector) {
        WorkspaceSelection selection =
                connector.getSpec() == null ? null : connector.getSpec().getWorkspaces();
        return selection != null && selection.getSelector() != null;
    }
}
