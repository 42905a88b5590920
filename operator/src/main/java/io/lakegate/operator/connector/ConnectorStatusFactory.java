package io.lakegate.operator.connector;

import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentStatus;
import io.lakegate.operator.api.Condition;
import io.lakegate.operator.api.LakegateApi;
import io.lakegate.operator.api.McpConnector;
import io.lakegate.operator.api.McpConnectorStatus;
import io.lakegate.operator.status.Conditions;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/** Computes McpConnector status from the resolution and the Deployment's reported state. */
public final class ConnectorStatusFactory {
    private ConnectorStatusFactory() {}

    public static McpConnectorStatus build(
            McpConnector connector, ConnectorResolution resolution, Optional<Deployment> deployment, Instant now) {
        long generation =
                Optional.ofNullable(connector.getMetadata().getGeneration()).orElse(0L);
        DeploymentStatus observed = deployment.map(Deployment::getStatus).orElse(null);
        int ready = observed == null || observed.getReadyReplicas() == null ? 0 : observed.getReadyReplicas();
        int available =
                observed == null || observed.getAvailableReplicas() == null ? 0 : observed.getAvailableReplicas();

        List<Condition> computed = new ArrayList<>();
        computed.add(Conditions.of(
                LakegateApi.ACCEPTED, resolution.accepted(), resolution.reason(), resolution.message(), generation));
        computed.add(
                deployment.isEmpty()
                        ? Conditions.of(
                                LakegateApi.AVAILABLE,
                                false,
                                "DeploymentNotFound",
                                "the connector Deployment does not exist yet",
                                generation)
                        : Conditions.of(
                                LakegateApi.AVAILABLE,
                                available > 0,
                                available > 0 ? "MinimumReplicasAvailable" : "NoReplicasAvailable",
                                available + " replica(s) available",
                                generation));
        computed.add(ready(resolution, deployment, generation));

        McpConnectorStatus previous = connector.getStatus();
        McpConnectorStatus status = new McpConnectorStatus();
        status.setConditions(Conditions.merge(previous == null ? List.of() : previous.getConditions(), computed, now));
        status.setObservedGeneration(generation);
        status.setReplicas(observed == null || observed.getReplicas() == null ? 0 : observed.getReplicas());
        status.setReadyReplicas(ready);
        status.setUrl(ChildrenRenderer.url(connector));
        status.setWorkspaceCount(resolution.workspaces().size());
        status.setWorkspaces(new ArrayList<>(resolution.report()));
        status.setConfigHash(
                resolution.accepted()
                        ? ConfigHash.of(
                                WorkspaceRegistryRenderer.render(resolution.workspaces()), resolution.secretDigests())
                        : previous == null ? null : previous.getConfigHash());
        return status;
    }

    private static Condition ready(ConnectorResolution resolution, Optional<Deployment> deployment, long generation) {
        if (!resolution.accepted()) {
            return Conditions.of(LakegateApi.READY, false, "NotAccepted", resolution.message(), generation);
        }
        if (deployment.isEmpty()) {
            return Conditions.of(
                    LakegateApi.READY,
                    false,
                    "DeploymentNotFound",
                    "the connector Deployment does not exist yet",
                    generation);
        }
        Deployment d = deployment.get();
        DeploymentStatus s = d.getStatus();
        int desired = Optional.ofNullable(d.getSpec().getReplicas()).orElse(1);
        boolean observedCurrent = s != null
                && s.getObservedGeneration() != null
                && Objects.equals(s.getObservedGeneration(), d.getMetadata().getGeneration());
        int updated = s == null || s.getUpdatedReplicas() == null ? 0 : s.getUpdatedReplicas();
        int ready = s == null || s.getReadyReplicas() == null ? 0 : s.getReadyReplicas();
        if (observedCurrent && updated >= desired && ready >= desired) {
            return Conditions.of(
                    LakegateApi.READY, true, "Ready", ready + "/" + desired + " replica(s) ready", generation);
        }
        return Conditions.of(
                LakegateApi.READY,
                false,
                "RolloutInProgress",
                ready + "/" + desired + " replica(s) ready, " + updated + " updated",
                generation);
    }
}
