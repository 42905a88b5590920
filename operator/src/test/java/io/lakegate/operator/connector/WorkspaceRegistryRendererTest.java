package io.lakegate.operator.connector;

import static org.assertj.core.api.Assertions.assertThat;

import io.lakegate.operator.Fixtures;
import io.lakegate.operator.api.DatabricksWorkspace;
import io.lakegate.operator.api.SciPolicy;
import io.lakegate.operator.api.SciRule;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The registry is the contract with the connector (docs/architecture.md): exact bytes for known input. */
class WorkspaceRegistryRendererTest {
    @Test
    void rendersTheArchitectureFormatCanonically() {
        DatabricksWorkspace azure = Fixtures.azureWorkspace("ns", "analytics", "entra");
        azure.getSpec().setGenieSpaceAllowList(List.of("space-1"));
        azure.getSpec().setTagWarehouseId("wh1");
        DatabricksWorkspace aws = Fixtures.federatedWorkspace("ns", "sales");
        SciPolicy sci = new SciPolicy();
        sci.setTagKey("sensitivity");
        sci.setTagValues(List.of());
        aws.getSpec().setSci(sci);

        String json = WorkspaceRegistryRenderer.render(
                List.of(new ResolvedWorkspace(azure, 0), new ResolvedWorkspace(aws, 1)));

        assertThat(json)
                .isEqualTo("{\"workspaces\":["
                        + "{\"cloud\":\"azure\",\"genieSpaceAllowList\":[\"space-1\"],\"host\":\"https://adb-1234567890.12.azuredatabricks.net\","
                        + "\"identity\":{\"clientId\":\"connector-app\",\"clientSecretEnv\":\"LAKEGATE_WORKSPACE_0_CLIENT_SECRET\","
                        + "\"mode\":\"obo\",\"tenantId\":\"11111111-2222-3333-4444-555555555555\"},\"name\":\"analytics\","
                        + "\"sci\":{\"rules\":[{\"tagKey\":\"classification\",\"tagValues\":[\"SCI\"]}]},\"tagWarehouseId\":\"wh1\"},"
                        + "{\"cloud\":\"aws\",\"genieSpaceAllowList\":[],\"host\":\"https://dbc-1234.cloud.databricks.com\","
                        + "\"identity\":{\"clientId\":\"sp-client\",\"mode\":\"federation\"},\"name\":\"sales\","
                        + "\"sci\":{\"rules\":[{\"tagKey\":\"sensitivity\",\"tagValues\":[]}]}}]}");
    }

    @Test
    void sciRulesAddToTheSingleRuleFormOrReplaceTheDefault() {
        SciPolicy rulesOnly = new SciPolicy();
        rulesOnly.setRules(List.of(SciRule.of("class.email_address", List.of()), SciRule.of("class.iban", List.of())));
        assertThat(rulesOnly.effectiveRules())
                .extracting(SciRule::getTagKey)
                .containsExactly("class.email_address", "class.iban");
        SciPolicy both = new SciPolicy();
        both.setTagKey("classification");
        both.setTagValues(List.of("SCI"));
        both.setRules(List.of(SciRule.of("class.email_address", List.of())));
        assertThat(both.effectiveRules())
                .extracting(SciRule::getTagKey)
                .containsExactly("classification", "class.email_address");
        SciPolicy valuesOnly = new SciPolicy();
        valuesOnly.setTagValues(List.of("SCI", "PII"));
        assertThat(valuesOnly.effectiveRules()).singleElement().satisfies(r -> {
            assertThat(r.getTagKey()).isEqualTo("classification");
            assertThat(r.getTagValues()).containsExactly("SCI", "PII");
        });
        assertThat(new SciPolicy().effectiveRules())
                .singleElement()
                .satisfies(r -> assertThat(r.getTagValues()).containsExactly("SCI"));
    }

    @Test
    void childrenCarryOwnerLabelsAndTheConfigMapHoldsTheRegistry() {
        var connector = Fixtures.connector("ns", "fleet", "analytics");
        var lookup = new MapReferenceLookup().with(Fixtures.federatedWorkspace("ns", "analytics"));
        var resolution = new ConnectorResolver(lookup).resolve(connector);
        var configMap = ChildrenRenderer.configMap(connector, resolution);
        assertThat(configMap.getMetadata().getName()).isEqualTo("fleet-config");
        assertThat(configMap.getData()).containsOnlyKeys("workspaces.json");
        assertThat(configMap.getMetadata().getLabels())
                .containsEntry("app.kubernetes.io/managed-by", "lakegate-operator")
                .containsEntry("app.kubernetes.io/instance", "fleet");
        assertThat(ChildrenRenderer.service(connector).getSpec().getPorts())
                .singleElement()
                .satisfies(p -> assertThat(p.getTargetPort().getStrVal()).isEqualTo("http"));
        assertThat(ChildrenRenderer.networkPolicy(connector).getSpec().getIngress())
                .singleElement()
                .satisfies(rule ->
                        assertThat(rule.getPorts().get(0).getPort().getIntVal()).isEqualTo(8080));
        assertThat(ChildrenRenderer.url(connector)).isEqualTo("http://fleet.ns.svc:8080/mcp");
    }
}
