package io.lakegate.connector.workspace;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.lakegate.connector.tools.ToolException;
import io.lakegate.connector.tools.WorkspaceResolver;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class WorkspaceRegistryTest {

    @Test
    void parsesTheDocumentedFormatWithDefaults() {
        WorkspaceRegistry registry = WorkspaceRegistry.of("""
                {"workspaces":[{"name":"demo","host":"http://127.0.0.1:8990/","cloud":"azure",
                  "identity":{"mode":"dev-token"},"sci":{"tagKey":"sensitivity","tagValues":["SCI","SECRET"]},
                  "genieSpaceAllowList":["s1"],"tagWarehouseId":"wh1"},
                 {"name":"prod-eu","host":"https://adb-1.azuredatabricks.net"}]}""");
        assertThat(registry.isValid()).isTrue();
        Workspace demo = registry.find("demo").orElseThrow();
        assertThat(demo.host()).isEqualTo("http://127.0.0.1:8990");
        assertThat(demo.sci().rules()).containsExactly(new SciPolicy.Rule("sensitivity", List.of("SCI", "SECRET")));
        assertThat(demo.genieSpaceAllowed("s1")).isTrue();
        assertThat(demo.genieSpaceAllowed("s2")).isFalse();
        assertThat(demo.tagWarehouseId()).contains("wh1");
        Workspace prod = registry.find("prod-eu").orElseThrow();
        assertThat(prod.identityMode()).isEqualTo("obo");
        assertThat(prod.sci()).isEqualTo(SciPolicy.DEFAULT);
        assertThat(prod.genieSpaceAllowed("anything")).isTrue();
    }

    @Test
    void readsSciRulesAsTheOperatorRendersThem() {
        WorkspaceRegistry registry = WorkspaceRegistry.of("""
                {"workspaces":[{"name":"a","host":"https://h","sci":{"rules":[
                  {"tagKey":"classification","tagValues":["SCI"]},{"tagKey":"class.email_address","tagValues":[]}]}},
                 {"name":"b","host":"https://h","sci":{"rules":[{"tagValues":["x"]}]}},
                 {"name":"c","host":"https://h","sci":{"rules":"class.iban"}}]}""");
        assertThat(registry.isValid()).isFalse();
        assertThat(registry.problem().orElseThrow())
                .contains("workspaces[1].sci.rules[0].tagKey must be a non-empty string")
                .contains("workspaces[2].sci.rules must be a list");
        WorkspaceRegistry valid = WorkspaceRegistry.of("""
                {"workspaces":[{"name":"a","host":"https://h","sci":{"rules":[
                  {"tagKey":"classification","tagValues":["SCI"]},{"tagKey":"class.email_address","tagValues":[]}]}}]}""");
        SciPolicy policy = valid.find("a").orElseThrow().sci();
        assertThat(policy.matches("class.email_address", null)).isTrue();
        assertThat(policy.matches("classification", "SCI")).isTrue();
        assertThat(policy.matches("classification", "PUBLIC")).isFalse();
    }

    @Test
    void readsTheOperatorsIdentityFields() {
        WorkspaceRegistry registry = WorkspaceRegistry.of("""
                {"workspaces":[{"identity":{"clientId":"app-1","clientSecretEnv":"LAKEGATE_WORKSPACE_0_CLIENT_SECRET",
                  "mode":"obo","tenantId":"t-1"},"host":"https://adb-1.azuredatabricks.net","name":"a"},
                 {"identity":{"audience":"https://lakegate.example/mcp","clientId":"sp-1","mode":"federation"},
                  "host":"https://dbc-1.cloud.databricks.com","name":"b"},
                 {"host":"https://adb-2.azuredatabricks.net","name":"c"}]}""");
        assertThat(registry.find("a").orElseThrow().identity())
                .isEqualTo(new WorkspaceIdentity("t-1", "app-1", null, "LAKEGATE_WORKSPACE_0_CLIENT_SECRET"));
        assertThat(registry.find("b").orElseThrow().identity())
                .isEqualTo(new WorkspaceIdentity(null, "sp-1", "https://lakegate.example/mcp", null));
        assertThat(registry.find("c").orElseThrow().identity()).isEqualTo(WorkspaceIdentity.NONE);
    }

    @Test
    void reportsEveryProblemAndStaysNotReady() {
        WorkspaceRegistry registry = WorkspaceRegistry.of("""
                {"workspaces":[{"name":"Bad Name","host":"ftp://x"},{"name":"a","host":"https://h","identity":{"mode":"magic"}},
                 {"name":"a","host":"https://user:pw@h"}]}""");
        assertThat(registry.isValid()).isFalse();
        assertThat(registry.problem().orElseThrow())
                .contains(
                        "workspaces[0].name", "workspaces[0].host", "workspaces[1].identity.mode", "workspaces[2].host")
                .doesNotContain("pw");
        assertThatThrownBy(() -> new WorkspaceResolver(registry).resolve(Optional.empty()))
                .isInstanceOf(ToolException.class)
                .hasMessageContaining("registry is invalid");
    }

    @Test
    void rejectsNonJsonAndEmptyRegistries() {
        assertThat(WorkspaceRegistry.of("{not json").problem().orElseThrow()).contains("not valid JSON");
        assertThat(WorkspaceRegistry.of("{\"workspaces\":[]}").problem().orElseThrow())
                .contains("non-empty");
        assertThat(new WorkspaceRegistry(new WorkspaceProperties("/nonexistent/ws.json", null))
                        .problem()
                        .orElseThrow())
                .contains("cannot read workspace registry file /nonexistent/ws.json");
    }

    @Test
    void workspaceArgumentIsOptionalWithOneAndRequiredWithSeveral() {
        WorkspaceResolver single = new WorkspaceResolver(
                WorkspaceRegistry.of("{\"workspaces\":[{\"name\":\"demo\",\"host\":\"http://h\"}]}"));
        assertThat(single.resolve(Optional.empty()).name()).isEqualTo("demo");
        assertThat(single.workspaceRequired()).isFalse();
        WorkspaceResolver two = new WorkspaceResolver(WorkspaceRegistry.of(
                "{\"workspaces\":[{\"name\":\"a\",\"host\":\"http://h\"},{\"name\":\"b\",\"host\":\"http://g\"}]}"));
        assertThat(two.workspaceRequired()).isTrue();
        assertThat(two.resolve(Optional.of("b")).host()).isEqualTo("http://g");
        assertThatThrownBy(() -> two.resolve(Optional.empty()))
                .hasMessageContaining("argument 'workspace' is required")
                .hasMessageContaining("a, b");
        assertThatThrownBy(() -> two.resolve(Optional.of("c"))).hasMessageContaining("unknown workspace 'c'");
        assertThat(List.of(two.resolve(Optional.of("a")).name())).containsExactly("a");
    }
}
