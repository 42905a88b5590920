package io.lakegate.operator.connector.dependent;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.processing.dependent.kubernetes.CRUDKubernetesDependentResource;
import io.javaoperatorsdk.operator.processing.event.ResourceID;
import io.lakegate.operator.api.McpConnector;
import io.lakegate.operator.connector.ConnectorResolution;

/** A child of an McpConnector; owner reference added by JOSDK, desired state from a pure renderer. */
abstract class ConnectorDependent<R extends HasMetadata> extends CRUDKubernetesDependentResource<R, McpConnector> {
    ConnectorDependent(Class<R> type) {
        super(type);
    }

    /** Name of this child; known without rendering, so a disabled optional child can still be found and deleted. */
    protected abstract String childName(McpConnector primary);

    @Override
    protected ResourceID targetSecondaryResourceID(McpConnector primary, Context<McpConnector> context) {
        return new ResourceID(childName(primary), primary.getMetadata().getNamespace());
    }

    /** The resolution the reconciler computed for this pass (workflow is invoked only once it is accepted). */
    static ConnectorResolution resolution(Context<McpConnector> context) {
        return context.managedWorkflowAndDependentResourceContext()
                .getMandatory(ConnectorResolution.CONTEXT_KEY, ConnectorResolution.class);
    }
}
