package io.lakegate.connector.workspace;

import java.util.List;
import java.util.Optional;

/**
 * One Databricks workspace the connector serves, as declared in the workspace registry.
 *
 * @param host base URL without a trailing slash, e.g. {@code https://adb-123.azuredatabricks.net}
 * @param identityMode how callers' Databricks tokens are obtained: {@code obo}, {@code federation} or {@code dev-token}
 * @param genieSpaceAllowList Genie space ids the connector may expose; empty means all
 * @param tagWarehouseId warehouse used for the bulk information_schema tag query, if configured
 * @param identity the operator-provided identity settings of {@code identityMode} (tenant, client, audience, secret
 *        variable name); every field may be absent
 */
public record Workspace(
        String name,
        String host,
        String cloud,
        String identityMode,
        SciPolicy sci,
        List<String> genieSpaceAllowList,
        Optional<String> tagWarehouseId,
        WorkspaceIdentity identity) {

    public Workspace {
        genieSpaceAllowList = List.copyOf(genieSpaceAllowList);
        identity = identity == null ? WorkspaceIdentity.NONE : identity;
    }

    /** A workspace without identity settings (dev mode, tests). */
    public Workspace(
            String name,
            String host,
            String cloud,
            String identityMode,
            SciPolicy sci,
            List<String> genieSpaceAllowList,
            Optional<String> tagWarehouseId) {
        this(name, host, cloud, identityMode, sci, genieSpaceAllowList, tagWarehouseId, WorkspaceIdentity.NONE);
    }

    public boolean genieSpaceAllowed(String spaceId) {
        return genieSpaceAllowList.isEmpty() || genieSpaceAllowList.contains(spaceId);
    }
}
