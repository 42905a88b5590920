package io.lakegate.connector.auth;

import io.lakegate.connector.identity.CallerIdentity;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Which scope each tool needs in identity mode {@code oauth}: the scope of the group the tool declares
 * ({@code discovery}, {@code genie} or {@code sql}, see {@link AuthProperties.ToolScopeNames}). A name that is no tool
 * needs the discovery scope, so probing names teaches a caller nothing a discovery caller could not learn. Every call
 * also needs the base scopes, which Spring Security checks for {@code /mcp} as a whole.
 */
public class ToolScopes {

    private final Map<String, String> required;
    private final String discovery;
    private final Set<String> groupScopes;
    private final Set<String> base;

    /**
     * @param groupByTool each tool's declared group id, by tool name (all tools, served or not); an unknown group id
     *     fails the start rather than leave a tool under a guessed scope
     */
    public ToolScopes(AuthProperties properties, Map<String, String> groupByTool) {
        AuthProperties.ToolScopeNames names = properties.toolScopes();
        this.required = groupByTool.entrySet().stream()
                .collect(java.util.stream.Collectors.toUnmodifiableMap(
                        Map.Entry::getKey, e -> names.forGroup(e.getValue())));
        this.discovery = names.discovery();
        // two groups may share one scope (Set.of would refuse the duplicate and fail the start)
        this.groupScopes = Set.copyOf(List.of(names.discovery(), names.genie(), names.sql()));
        this.base = new LinkedHashSet<>(properties.scopes());
    }

    public String required(String toolName) {
        return required.getOrDefault(toolName, discovery);
    }

    public boolean allows(CallerIdentity caller, String toolName) {
        return caller.scopes().contains(required(toolName));
    }

    /** What to ask for in a step-up challenge: the base scopes, what the caller has, and the missing one. */
    public String stepUp(CallerIdentity caller, String toolName) {
        Set<String> needed = new LinkedHashSet<>(base);
        caller.scopes().stream().filter(groupScopes::contains).forEach(needed::add);
        needed.add(required(toolName));
        return String.join(" ", needed);
    }
}
