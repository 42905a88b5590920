package io.lakegate.connector.workspace;

import io.lakegate.connector.identity.CallerIdentity;
import java.util.List;
import reactor.core.publisher.Mono;

/**
 * Picks the workspace of a call that names none while several are registered. Optional bean: without one the
 * {@code workspace} argument is required whenever the registry holds more than one workspace.
 */
public interface WorkspaceDetector {

    /** The workspace to use for {@code caller}, or {@link NoAccessibleWorkspaceException} when none fits. */
    Mono<Workspace> detect(CallerIdentity caller, List<Workspace> candidates);
}
