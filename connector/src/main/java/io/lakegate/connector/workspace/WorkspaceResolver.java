package io.lakegate.connector.workspace;

import io.lakegate.connector.tools.ToolErrorCode;
import io.lakegate.connector.tools.ToolException;
import java.util.Optional;
import org.springframework.stereotype.Component;

/**
 * Picks the workspace of a call: the {@code workspace} argument when given (must be registered), else the only
 * registered workspace; with several registered the argument is required.
 */
@Component
public class WorkspaceResolver {

    public static final String ARGUMENT = "workspace";

    private final WorkspaceRegistry registry;

    public WorkspaceResolver(WorkspaceRegistry registry) {
        this.registry = registry;
    }

    public Workspace resolve(Optional<String> requested) {
        if (!registry.isValid()) {
            throw new ToolException(ToolErrorCode.UNAVAILABLE,
                    "the connector's workspace registry is invalid; ask its operator to fix it");
        }
        if (requested.isPresent()) {
            return registry.find(requested.get()).orElseThrow(() -> ToolException.invalidArgument(
                    "argument 'workspace': unknown workspace '" + requested.get() + "'; registered: "
                            + String.join(", ", registry.names())));
        }
        if (registry.all().size() == 1) {
            return registry.all().get(0);
        }
        throw ToolException.invalidArgument("argument 'workspace' is required because this connector serves "
                + registry.all().size() + " workspaces: " + String.join(", ", registry.names()));
    }

    /** Whether the schemas must require the argument. */
    public boolean workspaceRequired() {
        return registry.all().size() > 1;
    }
}
