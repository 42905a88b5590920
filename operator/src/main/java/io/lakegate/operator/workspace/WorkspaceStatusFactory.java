package io.lakegate.operator.workspace;

import io.lakegate.operator.api.Condition;
import io.lakegate.operator.api.DatabricksWorkspace;
import io.lakegate.operator.api.DatabricksWorkspaceStatus;
import io.lakegate.operator.api.LakegateApi;
import io.lakegate.operator.status.Conditions;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** Accepted = references resolve; Ready = usable by connectors (same as Accepted until a live check exists). */
public final class WorkspaceStatusFactory {
    private WorkspaceStatusFactory() {}

    public static DatabricksWorkspaceStatus build(
            DatabricksWorkspace workspace, WorkspaceValidation validation, int connectorCount, Instant now) {
        long generation =
                Optional.ofNullable(workspace.getMetadata().getGeneration()).orElse(0L);
        List<Condition> computed = List.of(
                Conditions.of(
                        LakegateApi.ACCEPTED,
                        validation.accepted(),
                        validation.reason(),
                        validation.message(),
                        generation),
                Conditions.of(
                        LakegateApi.READY,
                        validation.accepted(),
                        validation.accepted() ? "Ready" : "NotAccepted",
                        validation.accepted() ? "connectors may serve this workspace" : validation.message(),
                        generation));
        DatabricksWorkspaceStatus previous = workspace.getStatus();
        DatabricksWorkspaceStatus status = new DatabricksWorkspaceStatus();
        status.setConditions(Conditions.merge(previous == null ? List.of() : previous.getConditions(), computed, now));
        status.setObservedGeneration(generation);
        status.setConnectorCount(connectorCount);
        return status;
    }
}
