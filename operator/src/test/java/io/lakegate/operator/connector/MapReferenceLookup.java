package io.lakegate.operator.connector;

import io.fabric8.kubernetes.api.model.Secret;
import io.lakegate.operator.api.DatabricksWorkspace;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** In-memory references for unit tests. */
public final class MapReferenceLookup implements ReferenceLookup {
    private final List<DatabricksWorkspace> workspaces = new ArrayList<>();
    private final List<Secret> secrets = new ArrayList<>();

    public MapReferenceLookup with(DatabricksWorkspace workspace) {
        workspaces.add(workspace);
        return this;
    }

    public MapReferenceLookup with(Secret secret) {
        secrets.add(secret);
        return this;
    }

    @Override
    public Optional<DatabricksWorkspace> workspace(String namespace, String name) {
        return workspaces.stream()
                .filter(w -> w.getMetadata().getNamespace().equals(namespace)
                        && w.getMetadata().getName().equals(name))
                .findFirst();
    }

    @Override
    public List<DatabricksWorkspace> workspaces(String namespace) {
        return workspaces.stream()
                .filter(w -> w.getMetadata().getNamespace().equals(namespace))
                .toList();
    }

    @Override
    public Optional<Secret> secret(String namespace, String name) {
        return secrets.stream()
                .filter(s -> s.getMetadata().getNamespace().equals(namespace)
                        && s.getMetadata().getName().equals(name))
                .findFirst();
    }
}
