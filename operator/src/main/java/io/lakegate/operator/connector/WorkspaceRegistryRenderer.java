package io.lakegate.operator.connector;

import io.lakegate.operator.api.DatabricksWorkspaceSpec;
import io.lakegate.operator.api.OnBehalfOfIdentity;
import io.lakegate.operator.api.SciPolicy;
import io.lakegate.operator.api.SciRule;
import io.lakegate.operator.api.TokenFederationIdentity;
import io.lakegate.operator.api.WorkspaceIdentity;
import io.lakegate.operator.config.CanonicalJson;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Renders the connector's workspace registry ({@code workspaces.json}, format in docs/architecture.md) from resolved
 * workspaces. Canonical JSON, so the same inputs always give the same bytes (and the same config hash).
 */
public final class WorkspaceRegistryRenderer {
    private WorkspaceRegistryRenderer() {}

    public static String render(List<ResolvedWorkspace> workspaces) {
        List<Map<String, Object>> entries = new ArrayList<>();
        for (ResolvedWorkspace resolved : workspaces) {
            entries.add(entry(resolved));
        }
        return CanonicalJson.write(Map.of("workspaces", entries));
    }

    private static Map<String, Object> entry(ResolvedWorkspace resolved) {
        DatabricksWorkspaceSpec spec = resolved.workspace().getSpec();
        Map<String, Object> entry = new LinkedHashMap<>();
        entry.put("name", resolved.name());
        entry.put("host", stripTrailingSlash(spec.getHost()));
        entry.put("cloud", spec.getCloud().wireName());
        entry.put("identity", identity(spec.getIdentity(), resolved));
        List<SciRule> rules =
                spec.getSci() == null ? SciPolicy.defaultRules() : spec.getSci().effectiveRules();
        entry.put(
                "sci",
                Map.of(
                        "rules",
                        rules.stream()
                                .map(r -> Map.of(
                                        "tagKey",
                                        r.getTagKey(),
                                        "tagValues",
                                        r.getTagValues() == null ? List.of() : r.getTagValues()))
                                .toList()));
        entry.put(
                "genieSpaceAllowList",
                spec.getGenieSpaceAllowList() == null ? List.of() : spec.getGenieSpaceAllowList());
        if (spec.getTagWarehouseId() != null) {
            entry.put("tagWarehouseId", spec.getTagWarehouseId());
        }
        return entry;
    }

    private static Map<String, Object> identity(WorkspaceIdentity identity, ResolvedWorkspace resolved) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("mode", identity.getMode().registryName());
        OnBehalfOfIdentity obo = identity.getOnBehalfOf();
        if (obo != null) {
            out.put("tenantId", obo.getTenantId());
            out.put("clientId", obo.getClientId());
        }
        TokenFederationIdentity federation = identity.getTokenFederation();
        if (federation != null) {
            putIfSet(out, "clientId", federation.getClientId());
            putIfSet(out, "audience", federation.getAudience());
        }
        // the secret itself reaches the pod as an env var (secretKeyRef); the registry only names the variable
        resolved.clientSecretRef().ifPresent(ref -> out.put("clientSecretEnv", resolved.clientSecretEnvName()));
        return out;
    }

    private static void putIfSet(Map<String, Object> map, String key, String value) {
        if (value != null) {
            map.put(key, value);
        }
    }

    private static String stripTrailingSlash(String host) {
        return host.endsWith("/") ? host.substring(0, host.length() - 1) : host;
    }
}
