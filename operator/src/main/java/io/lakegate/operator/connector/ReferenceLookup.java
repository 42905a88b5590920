package io.lakegate.operator.connector;

import io.fabric8.kubernetes.api.model.Secret;
import io.lakegate.operator.api.DatabricksWorkspace;
import java.util.List;
import java.util.Optional;

/** Read access to what a connector references; backed by informer caches in the operator, by maps in unit tests. */
public interface ReferenceLookup {
    Optional<DatabricksWorkspace> workspace(String namespace, String name);

    List<DatabricksWorkspace> workspaces(String namespace);

    Optional<Secret> secret(String namespace, String name);
}
