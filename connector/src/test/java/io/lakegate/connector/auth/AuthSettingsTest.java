package io.lakegate.connector.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.lakegate.connector.identity.CallerIdentity;
import io.lakegate.connector.tools.LakegateTool;
import io.lakegate.connector.tools.discovery.GetTableTool;
import io.lakegate.connector.tools.discovery.ListCatalogsTool;
import io.lakegate.connector.tools.discovery.ListGenieSpacesTool;
import io.lakegate.connector.tools.discovery.ListSchemasTool;
import io.lakegate.connector.tools.discovery.ListSqlWarehousesTool;
import io.lakegate.connector.tools.discovery.ListTablesTool;
import io.lakegate.connector.tools.discovery.SearchTablesTool;
import io.lakegate.connector.tools.proxy.ListGenieToolsTool;
import io.lakegate.connector.tools.proxy.ListSqlToolsTool;
import io.lakegate.connector.tools.proxy.ProxyToGenieOneTool;
import io.lakegate.connector.tools.proxy.ProxyToGenieTool;
import io.lakegate.connector.tools.proxy.ProxyToSqlTool;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** Property defaults and derived values of identity mode oauth: resource, audiences, metadata URL, tool scopes. */
class AuthSettingsTest {

    static AuthProperties properties(String resource, String audience) {
        return new AuthProperties(
                "oauth",
                null,
                "https://login.example/t/v2.0",
                null,
                resource,
                audience,
                null,
                null,
                null,
                null,
                null,
                null);
    }

    @Test
    void operatorRenderedAudienceStandsInForTheResource() {
        AuthProperties operator = properties(null, "https://mcp.example/mcp");
        assertThat(operator.effectiveResource()).isEqualTo("https://mcp.example/mcp");
        assertThat(operator.effectiveAuthorizationServers()).containsExactly("https://login.example/t/v2.0");
        AuthProperties both = properties("https://mcp.example/mcp", "api://lakegate");
        assertThat(both.acceptedAudiences()).containsExactly("https://mcp.example/mcp", "api://lakegate");
        assertThat(both.scopes()).containsExactly("lakegate.mcp");
        assertThat(both.allScopes())
                .containsExactly("lakegate.mcp", "lakegate.discovery", "lakegate.genie", "lakegate.sql");
        assertThat(both.obo().scope()).isEqualTo("2ff814a6-3304-4ab8-85cb-cd0e6f879c1d/.default");
        assertThat(both.federation().scope()).isEqualTo("all-apis");
    }

    @Test
    void resourceMetadataUrlInsertsTheWellKnownSegmentBeforeThePath() {
        assertThat(BearerChallenges.resourceMetadataUrl("https://mcp.example/mcp"))
                .isEqualTo("https://mcp.example/.well-known/oauth-protected-resource/mcp");
        assertThat(BearerChallenges.resourceMetadataUrl("https://mcp.example:8443"))
                .isEqualTo("https://mcp.example:8443/.well-known/oauth-protected-resource");
    }

    @Test
    void toolsMapToTheirGroupScopeAndStepUpKeepsWhatTheCallerHolds() {
        ToolScopes scopes = new ToolScopes(properties("https://mcp.example/mcp", null), declaredGroups());
        assertThat(scopes.required("proxy_to_sql")).isEqualTo("lakegate.sql");
        assertThat(scopes.required("list_genie_tools")).isEqualTo("lakegate.genie");
        assertThat(scopes.required("proxy_to_genie_one")).isEqualTo("lakegate.genie");
        assertThat(scopes.required("list_catalogs")).isEqualTo("lakegate.discovery");
        CallerIdentity caller =
                new CallerIdentity("oid", "u", "c", Set.of("lakegate.mcp", "lakegate.genie", "other"), null);
        assertThat(scopes.allows(caller, "proxy_to_genie")).isTrue();
        assertThat(scopes.allows(caller, "get_table")).isFalse();
        assertThat(scopes.stepUp(caller, "get_table")).isEqualTo("lakegate.mcp lakegate.genie lakegate.discovery");
        assertThat(List.of(scopes.stepUp(caller, "proxy_to_sql").split(" "))).doesNotContain("other");
        // a name that is no tool: the discovery scope, as before tools declared their groups
        assertThat(scopes.required("no_such_tool")).isEqualTo("lakegate.discovery");
    }

    @Test
    void aToolGroupWithoutAScopeFailsTheStart() {
        assertThatThrownBy(() ->
                        new ToolScopes(properties("https://mcp.example/mcp", null), Map.of("list_catalogs", "billing")))
                .hasMessageContaining("billing");
    }

    /** Each tool's group as the tool itself declares it (the tools only store their collaborators). */
    static Map<String, String> declaredGroups() {
        List<LakegateTool> tools = List.of(
                new ListCatalogsTool(null, null, null),
                new ListSchemasTool(null, null, null),
                new ListTablesTool(null, null, null),
                new SearchTablesTool(null, null, null),
                new GetTableTool(null, null),
                new ListSqlWarehousesTool(null, null),
                new ListGenieSpacesTool(null, null, null),
                new ListGenieToolsTool(null, null, null),
                new ProxyToGenieTool(null, null, null, null),
                new ProxyToGenieOneTool(null, null, null),
                new ListSqlToolsTool(null, null),
                new ProxyToSqlTool(null, null, null, null, null));
        return tools.stream()
                .collect(Collectors.toMap(LakegateTool::name, t -> t.group().id()));
    }
}
