package io.lakegate.operator.workspace;

import io.fabric8.kubernetes.api.model.Secret;
import io.javaoperatorsdk.operator.api.config.informer.InformerEventSourceConfiguration;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.api.reconciler.ControllerConfiguration;
import io.javaoperatorsdk.operator.api.reconciler.EventSourceContext;
import io.javaoperatorsdk.operator.api.reconciler.Reconciler;
import io.javaoperatorsdk.operator.api.reconciler.UpdateControl;
import io.javaoperatorsdk.operator.processing.event.ResourceID;
import io.javaoperatorsdk.operator.processing.event.source.EventSource;
import io.javaoperatorsdk.operator.processing.event.source.IndexerResourceCache;
import io.javaoperatorsdk.operator.processing.event.source.informer.InformerEventSource;
import io.lakegate.operator.api.DatabricksWorkspace;
import io.lakegate.operator.api.DatabricksWorkspaceStatus;
import io.lakegate.operator.api.McpConnector;
import io.lakegate.operator.status.StatusPatcher;
import java.time.Clock;
import java.util.List;
import java.util.Objects;
import java.util.stream.Collectors;

/**
 * Validates a DatabricksWorkspace's references (the identity's client Secret) and counts the connectors serving it.
 * Owns no children. Secrets are matched back to workspaces through a primary-cache index (JOSDK PrimaryIndexer
 * pattern); connector changes re-count every workspace of their namespace.
 */
// not generation-aware: a label change (no new generation) can move the workspace under a connector's selector
@ControllerConfiguration(name = DatabricksWorkspaceReconciler.NAME, generationAwareEventProcessing = false)
public class DatabricksWorkspaceReconciler implements Reconciler<DatabricksWorkspace> {
    public static final String NAME = "databricksworkspace";
    static final String SECRET_INDEX = "lakegate.secret";

    private final Clock clock;
    private final StatusPatcher<DatabricksWorkspace, DatabricksWorkspaceStatus> statusPatcher;
    private InformerEventSource<Secret, DatabricksWorkspace> secretSource;
    private InformerEventSource<McpConnector, DatabricksWorkspace> connectorSource;

    public DatabricksWorkspaceReconciler() {
        this(Clock.systemUTC());
    }

    public DatabricksWorkspaceReconciler(Clock clock) {
        this.clock = clock;
        this.statusPatcher = new StatusPatcher<>(DatabricksWorkspace::new, clock, StatusPatcher.processInstance());
    }

    @Override
    public List<EventSource<?, DatabricksWorkspace>> prepareEventSources(
            EventSourceContext<DatabricksWorkspace> context) {
        IndexerResourceCache<DatabricksWorkspace> workspaces = context.getPrimaryCache();
        workspaces.addIndexer(
                SECRET_INDEX,
                w -> w.getSpec() == null
                        ? List.of()
                        : w.getSpec()
                                .getIdentity()
                                .clientSecretRef()
                                .map(ref -> List.of(w.getMetadata().getNamespace() + "/" + ref.getName()))
                                .orElse(List.of()));

        secretSource = new InformerEventSource<>(
                InformerEventSourceConfiguration.from(Secret.class, DatabricksWorkspace.class)
                        .withName("secrets")
                        .withSecondaryToPrimaryMapper(s -> workspaces
                                .byIndex(
                                        SECRET_INDEX,
                                        s.getMetadata().getNamespace() + "/"
                                                + s.getMetadata().getName())
                                .stream()
                                .map(ResourceID::fromResource)
                                .collect(Collectors.toSet()))
                        .build(),
                context);
        connectorSource = new InformerEventSource<>(
                InformerEventSourceConfiguration.from(McpConnector.class, DatabricksWorkspace.class)
                        .withName("connectors")
                        // the mapper sees only the new connector, so a removed reference is caught by re-counting the
                        // namespace
                        .withSecondaryToPrimaryMapper(c -> workspaces
                                .list(c.getMetadata().getNamespace(), w -> true)
                                .map(ResourceID::fromResource)
                                .collect(Collectors.toSet()))
                        // status writes on connectors do not change what they select
                        .withOnUpdateFilter((next, previous) -> !Objects.equals(
                                next.getMetadata().getGeneration(),
                                previous.getMetadata().getGeneration()))
                        .build(),
                context);
        return List.of(secretSource, connectorSource);
    }

    @Override
    public UpdateControl<DatabricksWorkspace> reconcile(
            DatabricksWorkspace workspace, Context<DatabricksWorkspace> context) {
        String namespace = workspace.getMetadata().getNamespace();
        WorkspaceValidation validation =
                WorkspaceValidation.validate(workspace, name -> secretSource.get(new ResourceID(name, namespace)));
        int connectors = (int) connectorSource
                .list(namespace, c -> WorkspaceSelectors.selects(c, workspace))
                .count();
        DatabricksWorkspaceStatus status =
                WorkspaceStatusFactory.build(workspace, validation, connectors, clock.instant());
        return statusPatcher.patchIfChanged(workspace, status, context);
    }
}
