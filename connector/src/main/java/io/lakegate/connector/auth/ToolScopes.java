package io.lakegate.connector.auth;

import io.lakegate.connector.identity.CallerIdentity;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;

/**
 * Which scope each tool needs in identity mode {@code oauth}: Genie tools the Genie scope, SQL tools the SQL scope,
 * every other tool (the discovery tools, and any tool added later until it is listed here) the discovery scope. Every
 * call also needs the base scopes, which Spring Security checks for {@code /mcp} as a whole.
 */
public class ToolScopes {

    private final Map<String, String> special;
    private final String discovery;
    private final Set<String> base;

    public ToolScopes(AuthProperties properties) {
        AuthProperties.ToolScopeNames names = properties.toolScopes();
        this.special = Map.of(
                "list_genie_tools", names.genie(), "proxy_to_genie", names.genie(),
                "proxy_to_genie_one", names.genie(),
                "list_sql_tools", names.sql(), "proxy_to_sql", names.sql());
        this.discovery = names.discovery();
        this.base = new LinkedHashSet<>(properties.scopes());
    }

    public String required(String toolName) {
        return special.getOrDefault(toolName, discovery);
    }

    public boolean allows(CallerIdentity caller, String toolName) {
        return caller.scopes().contains(required(toolName));
    }

    /** What to ask for in a step-up challenge: the base scopes, what the caller has, and the missing one. */
    public String stepUp(CallerIdentity caller, String toolName) {
        Set<String> needed = new LinkedHashSet<>(base);
        caller.scopes().stream().filter(s -> s.equals(discovery) || special.containsValue(s)).forEach(needed::add);
        needed.add(required(toolName));
        return String.join(" ", needed);
    }
}
