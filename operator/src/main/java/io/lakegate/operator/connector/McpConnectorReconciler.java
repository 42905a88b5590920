package io.lakegate.operator.connector;

import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.javaoperatorsdk.operator.api.config.informer.InformerEventSourceConfiguration;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.api.reconciler.ControllerConfiguration;
import io.javaoperatorsdk.operator.api.reconciler.ErrorStatusUpdateControl;
import io.javaoperatorsdk.operator.api.reconciler.EventSourceContext;
import io.javaoperatorsdk.operator.api.reconciler.Reconciler;
import io.javaoperatorsdk.operator.api.reconciler.UpdateControl;
import io.javaoperatorsdk.operator.api.reconciler.Workflow;
import io.javaoperatorsdk.operator.api.reconciler.dependent.Dependent;
import io.javaoperatorsdk.operator.processing.event.ResourceID;
import io.javaoperatorsdk.operator.processing.event.source.EventSource;
import io.javaoperatorsdk.operator.processing.event.source.IndexerResourceCache;
import io.javaoperatorsdk.operator.processing.event.source.informer.InformerEventSource;
import io.lakegate.operator.api.Condition;
import io.lakegate.operator.api.DatabricksWorkspace;
import io.lakegate.operator.api.LakegateApi;
import io.lakegate.operator.api.McpConnector;
import io.lakegate.operator.api.McpConnectorStatus;
import io.lakegate.operator.config.CanonicalJson;
import io.lakegate.operator.connector.dependent.AutoscalingEnabled;
import io.lakegate.operator.connector.dependent.ConfigMapDependent;
import io.lakegate.operator.connector.dependent.DeploymentDependent;
import io.lakegate.operator.connector.dependent.HorizontalPodAutoscalerDependent;
import io.lakegate.operator.connector.dependent.IngressDependent;
import io.lakegate.operator.connector.dependent.IngressEnabled;
import io.lakegate.operator.connector.dependent.NetworkPolicyDependent;
import io.lakegate.operator.connector.dependent.PodDisruptionBudgetDependent;
import io.lakegate.operator.connector.dependent.ReplicaSecretDependent;
import io.lakegate.operator.connector.dependent.ServiceAccountDependent;
import io.lakegate.operator.connector.dependent.ServiceDependent;
import io.lakegate.operator.status.Conditions;
import io.lakegate.operator.status.StatusPatcher;
import io.lakegate.operator.workspace.WorkspaceSelectors;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Reconciles an McpConnector into its children. References (DatabricksWorkspaces, Secrets) are resolved from informer
 * caches first; only a fully resolved connector runs the dependent workflow, so a missing Secret never produces a
 * half-configured rollout. Status goes through the {@link StatusPatcher} both reconcilers share.
 */
@Workflow(
        explicitInvocation = true,
        dependents = {
            @Dependent(name = "service-account", type = ServiceAccountDependent.class),
            @Dependent(name = "config", type = ConfigMapDependent.class),
            @Dependent(name = "replica-secret", type = ReplicaSecretDependent.class),
            @Dependent(
                    name = "deployment",
                    type = DeploymentDependent.class,
                    dependsOn = {"service-account", "config", "replica-secret"}),
            @Dependent(name = "service", type = ServiceDependent.class),
            @Dependent(name = "pdb", type = PodDisruptionBudgetDependent.class),
            @Dependent(name = "network-policy", type = NetworkPolicyDependent.class),
            @Dependent(
                    name = "hpa",
                    type = HorizontalPodAutoscalerDependent.class,
                    dependsOn = "deployment",
                    reconcilePrecondition = AutoscalingEnabled.class),
            @Dependent(
                    name = "ingress",
                    type = IngressDependent.class,
                    dependsOn = "service",
                    reconcilePrecondition = IngressEnabled.class),
        })
@ControllerConfiguration(name = McpConnectorReconciler.NAME)
public class McpConnectorReconciler implements Reconciler<McpConnector> {
    public static final String NAME = "mcpconnector";
    static final String WORKSPACE_NAME_INDEX = "lakegate.workspace-name";
    static final String SECRET_INDEX = "lakegate.secret";

    private final Clock clock;
    private final StatusPatcher<McpConnector, McpConnectorStatus> statusPatcher;
    private InformerEventSource<DatabricksWorkspace, McpConnector> workspaceSource;
    private InformerEventSource<Secret, McpConnector> secretSource;

    public McpConnectorReconciler() {
        this(Clock.systemUTC());
    }

    public McpConnectorReconciler(Clock clock) {
        this.clock = clock;
        this.statusPatcher = new StatusPatcher<>(McpConnector::new, clock, StatusPatcher.processInstance());
    }

    @Override
    public List<EventSource<?, McpConnector>> prepareEventSources(EventSourceContext<McpConnector> context) {
        IndexerResourceCache<McpConnector> connectors = context.getPrimaryCache();
        connectors.addIndexer(
                WORKSPACE_NAME_INDEX,
                c -> WorkspaceSelectors.names(c).stream()
                        .map(name -> key(c.getMetadata().getNamespace(), name))
                        .toList());
        connectors.addIndexer(
                SECRET_INDEX,
                c -> ConnectorResolver.connectorSecrets(c).stream()
                        .map(use ->
                                key(c.getMetadata().getNamespace(), use.ref().getName()))
                        .distinct()
                        .toList());

        workspaceSource = new InformerEventSource<>(
                InformerEventSourceConfiguration.from(DatabricksWorkspace.class, McpConnector.class)
                        .withName("workspaces")
                        .withSecondaryToPrimaryMapper(w -> connectorsServing(connectors, w))
                        .build(),
                context);
        workspaceSource.addIndexers(Map.of(
                SECRET_INDEX,
                w -> w.getSpec() == null
                        ? List.of()
                        : w.getSpec()
                                .getIdentity()
                                .clientSecretRef()
                                .map(ref -> List.of(key(w.getMetadata().getNamespace(), ref.getName())))
                                .orElse(List.of())));

        secretSource = new InformerEventSource<>(
                InformerEventSourceConfiguration.from(Secret.class, McpConnector.class)
                        .withName("secrets")
                        .withSecondaryToPrimaryMapper(secret -> connectorsConsuming(connectors, secret))
                        .build(),
                context);
        return List.of(workspaceSource, secretSource);
    }

    @Override
    public UpdateControl<McpConnector> reconcile(McpConnector connector, Context<McpConnector> context) {
        ConnectorResolution resolution =
                new ConnectorResolver(new InformerReferenceLookup(workspaceSource, secretSource)).resolve(connector);
        if (resolution.accepted()) {
            context.managedWorkflowAndDependentResourceContext().put(ConnectorResolution.CONTEXT_KEY, resolution);
            context.managedWorkflowAndDependentResourceContext().reconcileManagedWorkflow();
        }
        McpConnectorStatus status = ConnectorStatusFactory.build(
                connector, resolution, context.getSecondaryResource(Deployment.class), clock.instant());
        return statusPatcher.patchIfChanged(connector, status, context);
    }

    @Override
    public ErrorStatusUpdateControl<McpConnector> updateErrorStatus(
            McpConnector connector, Context<McpConnector> context, Exception e) {
        long generation = connector.getMetadata().getGeneration() == null
                ? 0
                : connector.getMetadata().getGeneration();
        McpConnectorStatus status = connector.getStatus() == null ? new McpConnectorStatus() : connector.getStatus();
        var failed = Conditions.of(LakegateApi.READY, false, "ReconcileError", ErrorMessages.describe(e), generation);
        List<Condition> computed = new ArrayList<>(status.getConditions().stream()
                .filter(c -> !LakegateApi.READY.equals(c.getType()))
                .toList());
        computed.add(failed);
        McpConnectorStatus next = CanonicalJson.copy(status, McpConnectorStatus.class);
        next.setConditions(Conditions.merge(status.getConditions(), computed, clock.instant()));
        return statusPatcher.patchErrorIfChanged(connector, next, context);
    }

    /**
     * Connectors to reconcile when a workspace changes: those naming it, plus every selector-based connector in its
     * namespace (a label change may have just deselected it, and the mapper sees only the new labels).
     */
    private static Set<ResourceID> connectorsServing(
            IndexerResourceCache<McpConnector> connectors, DatabricksWorkspace workspace) {
        String namespace = workspace.getMetadata().getNamespace();
        Set<ResourceID> ids = new HashSet<>();
        connectors
                .byIndex(
                        WORKSPACE_NAME_INDEX,
                        key(namespace, workspace.getMetadata().getName()))
                .forEach(c -> ids.add(ResourceID.fromResource(c)));
        connectors.list(namespace, WorkspaceSelectors::usesSelector).forEach(c -> ids.add(ResourceID.fromResource(c)));
        return ids;
    }

    /** Connectors consuming a Secret directly (token store) or through a workspace's identity. */
    private Set<ResourceID> connectorsConsuming(IndexerResourceCache<McpConnector> connectors, Secret secret) {
        String key =
                key(secret.getMetadata().getNamespace(), secret.getMetadata().getName());
        Set<ResourceID> ids = new HashSet<>();
        connectors.byIndex(SECRET_INDEX, key).forEach(c -> ids.add(ResourceID.fromResource(c)));
        for (DatabricksWorkspace workspace : workspaceSource.byIndex(SECRET_INDEX, key)) {
            ids.addAll(connectorsServing(connectors, workspace));
        }
        return ids;
    }

    static String key(String namespace, String name) {
        return namespace + "/" + name;
    }
}
