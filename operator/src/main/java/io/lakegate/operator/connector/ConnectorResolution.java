package io.lakegate.operator.connector;

import io.lakegate.operator.api.WorkspaceResolution;
import java.util.List;
import java.util.SortedMap;

/**
 * Everything the connector's references resolved to in one reconcile pass. When not accepted, {@code reason} and
 * {@code message} say which reference is missing; children are then left as they are.
 *
 * @param secretDigests SHA-256 of every referenced Secret value, keyed by {@code secret/key}; values never leave here
 */
public record ConnectorResolution(
        List<ResolvedWorkspace> workspaces,
        List<WorkspaceResolution> report,
        boolean accepted,
        String reason,
        String message,
        SortedMap<String, String> secretDigests) {
    /** Key under which the reconciler hands the resolution to its dependents. */
    public static final String CONTEXT_KEY = "lakegate.connector.resolution";
}
