package io.lakegate.connector.workspace;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * The workspaces this connector serves, loaded once at startup. An unreadable or invalid registry does not stop the
 * process: it keeps the connector not ready (see {@link WorkspaceRegistryHealthIndicator}) and every tool call answers
 * with the validation problem, so an operator sees why in both places.
 */
@Component
public class WorkspaceRegistry {

    private static final Logger log = LoggerFactory.getLogger(WorkspaceRegistry.class);

    private final List<Workspace> workspaces;
    private final String problem;

    public WorkspaceRegistry(WorkspaceProperties properties) {
        List<Workspace> loaded = List.of();
        String error = null;
        try {
            loaded = load(properties);
            log.info(
                    "Workspace registry: {} workspace(s) {}",
                    loaded.size(),
                    loaded.stream().map(Workspace::name).toList());
        } catch (InvalidWorkspaceRegistryException e) {
            error = e.getMessage();
            log.error("Workspace registry unusable, connector stays not ready: {}", error);
        }
        this.workspaces = loaded;
        this.problem = error;
    }

    /** For tests and tools that build a registry in memory. */
    public static WorkspaceRegistry of(String json) {
        return new WorkspaceRegistry(new WorkspaceProperties(null, json));
    }

    private static List<Workspace> load(WorkspaceProperties properties) {
        if (properties.json() != null && !properties.json().isBlank()) {
            return WorkspaceRegistryParser.parse(properties.json(), "property lakegate.workspaces.json");
        }
        Path file = Path.of(properties.file());
        try {
            return WorkspaceRegistryParser.parse(Files.readString(file, StandardCharsets.UTF_8), "file " + file);
        } catch (IOException e) {
            throw new InvalidWorkspaceRegistryException("cannot read workspace registry file " + file + " ("
                    + e.getClass().getSimpleName() + "); set LAKEGATE_WORKSPACES_FILE or lakegate.workspaces.json");
        }
    }

    public boolean isValid() {
        return problem == null;
    }

    public Optional<String> problem() {
        return Optional.ofNullable(problem);
    }

    public List<Workspace> all() {
        return workspaces;
    }

    public List<String> names() {
        return workspaces.stream().map(Workspace::name).toList();
    }

    public Optional<Workspace> find(String name) {
        return workspaces.stream().filter(w -> w.name().equals(name)).findFirst();
    }
}
