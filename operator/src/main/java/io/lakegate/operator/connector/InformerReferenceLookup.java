package io.lakegate.operator.connector;

import io.fabric8.kubernetes.api.model.Secret;
import io.javaoperatorsdk.operator.processing.event.ResourceID;
import io.javaoperatorsdk.operator.processing.event.source.informer.InformerEventSource;
import io.lakegate.operator.api.DatabricksWorkspace;
import io.lakegate.operator.api.McpConnector;
import java.util.List;
import java.util.Optional;

/** References read from the controller's informer caches: no API call per reconcile. */
final class InformerReferenceLookup implements ReferenceLookup {
    private final InformerEventSource<DatabricksWorkspace, McpConnector> workspaces;
    private final InformerEventSource<Secret, McpConnector> secrets;

    InformerReferenceLookup(
            InformerEventSource<DatabricksWorkspace, McpConnector> workspaces,
            InformerEventSource<Secret, McpConnector> secrets) {
        this.workspaces = workspaces;
        this.secrets = secrets;
    }

    @Override
    public Optional<DatabricksWorkspace> workspace(String namespace, String name) {
        return workspaces.get(new ResourceID(name, namespace));
    }

    @Override
    public List<DatabricksWorkspace> workspaces(String namespace) {
        return workspaces.list(namespace, w -> true).toList();
    }

    @Override
    public Optional<Secret> secret(String namespace, String name) {
        return secrets.get(new ResourceID(name, namespace));
    }
}
