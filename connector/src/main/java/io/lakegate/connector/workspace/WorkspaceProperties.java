package io.lakegate.connector.workspace;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Where the workspace registry comes from: inline JSON ({@code lakegate.workspaces.json}) wins over the file
 * ({@code lakegate.workspaces.file}, environment {@code LAKEGATE_WORKSPACES_FILE}), which the operator mounts.
 */
@ConfigurationProperties("lakegate.workspaces")
public record WorkspaceProperties(String file, String json) {

    public static final String DEFAULT_FILE = "/etc/lakegate/workspaces.json";

    public WorkspaceProperties {
        if (file == null || file.isBlank()) {
            file = DEFAULT_FILE;
        }
    }
}
