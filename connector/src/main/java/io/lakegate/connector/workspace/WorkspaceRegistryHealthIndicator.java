package io.lakegate.connector.workspace;

import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.stereotype.Component;

/** Part of the readiness group: a connector without a valid registry must not receive traffic. */
@Component
public class WorkspaceRegistryHealthIndicator implements HealthIndicator {

    private final WorkspaceRegistry registry;

    public WorkspaceRegistryHealthIndicator(WorkspaceRegistry registry) {
        this.registry = registry;
    }

    @Override
    public Health health() {
        return registry.problem()
                .map(problem -> Health.down().withDetail("problem", problem).build())
                .orElseGet(() ->
                        Health.up().withDetail("workspaces", registry.names()).build());
    }
}
