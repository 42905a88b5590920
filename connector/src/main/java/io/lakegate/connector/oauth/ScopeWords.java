package io.lakegate.connector.oauth;

import io.lakegate.connector.auth.AuthProperties;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What each scope lets an application do, in words for the consent page: a user asked to approve
 * {@code lakegate.discovery} learns nothing from the id. Scope names are configurable, so the words follow the
 * configured names (the base scopes and the three tool groups); a scope with no words is shown by its id alone.
 */
public final class ScopeWords {

    /** The scopes offered when the connector is not in identity mode {@code oauth} (tokens only reach the tools). */
    static final String MCP_TOOLS = "mcp:tools";

    private final Map<String, String> words;

    ScopeWords(Map<String, String> words) {
        this.words = Map.copyOf(words);
    }

    static ScopeWords of(AuthProperties auth) {
        Map<String, String> words = new LinkedHashMap<>();
        words.put(
                MCP_TOOLS,
                "Use Lakegate's tools as you: see and query the Databricks data you can read, never change it");
        for (String base : auth.scopes()) {
            words.put(base, "Connect to Lakegate as you (every request needs this)");
        }
        AuthProperties.ToolScopeNames tools = auth.toolScopes();
        words.put(
                tools.discovery(),
                "See which catalogs, schemas, tables, SQL warehouses and Genie spaces you can "
                        + "access, and their descriptions");
        words.put(tools.genie(), "Ask Genie spaces questions as you; Genie answers only from data you can read");
        words.put(tools.sql(), "Run read-only SQL queries as you on data you can read");
        return new ScopeWords(words);
    }

    /** A requested scope with its words, or null words when none are known. */
    record Described(String scope, String words) {}

    List<Described> describe(List<String> scopes) {
        return scopes.stream().map(s -> new Described(s, words.get(s))).toList();
    }
}
