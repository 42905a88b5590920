package io.lakegate.operator.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.utils.Serialization;
import io.lakegate.operator.testing.KubeApiTestExtension;
import io.lakegate.operator.testing.KubeTestContext;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The generated CRDs on a real apiserver: schema bounds, CEL unions with their messages, defaults, pruning. */
@ExtendWith(KubeApiTestExtension.class)
class CrdValidationApiServerTest {
    private static final String API = "lakegate.io/v1alpha1";

    private static final String OBO = """
      identity:
        mode: OnBehalfOf
        onBehalfOf: {tenantId: t1, clientId: c1, clientSecretRef: {name: s, key: k}}
      """;

    @BeforeAll
    static void installCrds(KubeTestContext kube) {
        LakegateCrds.install(kube.client());
    }

    @Test
    void validWorkspaceIsStoredWithDefaults(KubeTestContext kube) {
        create(
                kube,
                "DatabricksWorkspace",
                "ok",
                "host: https://adb-1.2.azuredatabricks.net\ncloud: azure\n" + OBO + "sci: {tagValues: [SCI, PII]}\n");
        Map<String, Object> spec = spec(get(kube, "DatabricksWorkspace", "ok"));
        assertThat(spec).containsEntry("allowInsecureHttp", false);
        assertThat((Map<String, Object>) spec.get("sci")).containsEntry("tagValues", List.of("SCI", "PII"));
        create(
                kube,
                "DatabricksWorkspace",
                "rules",
                "host: https://adb-1.2.azuredatabricks.net\ncloud: azure\n" + OBO
                        + "sci: {rules: [{tagKey: classification, tagValues: [SCI]}, {tagKey: class.email_address}]}\n");
        assertThat(spec(get(kube, "DatabricksWorkspace", "rules")).get("sci").toString())
                .contains("class.email_address");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
      both identity arms     | host: https://a.example.com\\ncloud: azure\\nidentity:\\n  mode: OnBehalfOf\\n  onBehalfOf: {tenantId: t, clientId: c, clientSecretRef: {name: s, key: k}}\\n  tokenFederation: {clientId: x} | identity must set exactly one of onBehalfOf or tokenFederation
      arm contradicts mode   | host: https://a.example.com\\ncloud: aws\\nidentity:\\n  mode: OnBehalfOf\\n  tokenFederation: {clientId: x} | identity.onBehalfOf must be set when, and only when, identity.mode is OnBehalfOf
      no identity arm        | host: https://a.example.com\\ncloud: aws\\nidentity:\\n  mode: TokenFederation | identity.tokenFederation must be set when, and only when, identity.mode is TokenFederation
      obo outside azure      | host: https://a.example.com\\ncloud: gcp\\nidentity:\\n  mode: OnBehalfOf\\n  onBehalfOf: {tenantId: t, clientId: c, clientSecretRef: {name: s, key: k}} | only available for cloud azure
      plain http host        | host: http://a.example.com\\ncloud: aws\\nidentity:\\n  mode: TokenFederation\\n  tokenFederation: {} | host must be an https:// URL
      sci key twice          | host: https://a.example.com\\ncloud: aws\\nidentity:\\n  mode: TokenFederation\\n  tokenFederation: {}\\nsci: {rules: [{tagKey: class.iban}, {tagKey: CLASS.IBAN, tagValues: [x]}]} | each tag key may appear in only one rule
      sci values and rules   | host: https://a.example.com\\ncloud: aws\\nidentity:\\n  mode: TokenFederation\\n  tokenFederation: {}\\nsci: {tagValues: [SCI], rules: [{tagKey: class.iban}]} | tagValues without tagKey
      sci rule without key   | host: https://a.example.com\\ncloud: aws\\nidentity:\\n  mode: TokenFederation\\n  tokenFederation: {}\\nsci: {rules: [{tagValues: [x]}]} | Required value
      unknown cloud          | host: https://a.example.com\\ncloud: ibm\\nidentity:\\n  mode: TokenFederation\\n  tokenFederation: {} | Unsupported value: "ibm"
      host is a path         | host: https://a.example.com/x?y\\ncloud: aws\\nidentity:\\n  mode: TokenFederation\\n  tokenFederation: {} | spec.host: Invalid value
      """)
    void invalidWorkspaceIsRejectedWithItsReason(
            String description, String spec, String message, KubeTestContext kube) {
        assertRejected(kube, "DatabricksWorkspace", spec.replace("\\n", "\n"), message);
    }

    @Test
    void workspaceHostIsImmutableButOtherFieldsMayChange(KubeTestContext kube) {
        create(kube, "DatabricksWorkspace", "pinned", "host: https://a.example.com\ncloud: azure\n" + OBO);
        var workspaces = kube.client()
                .genericKubernetesResources(API, "DatabricksWorkspace")
                .inNamespace(kube.namespace());
        workspaces.withName("pinned").edit(w -> {
            spec(w).put("tagWarehouseId", "abc123");
            return w;
        });

        assertThatThrownBy(() -> workspaces.withName("pinned").edit(w -> {
                    spec(w).put("host", "https://b.example.com");
                    return w;
                }))
                .isInstanceOfSatisfying(
                        KubernetesClientException.class,
                        e -> assertThat(e.getCode()).isEqualTo(422))
                .hasMessageContaining("host is immutable: create a new DatabricksWorkspace");
    }

    @Test
    void validConnectorIsStoredWithDefaultsAndUnknownFieldsPruned(KubeTestContext kube) {
        create(kube, "McpConnector", "ok", """
        workspaces: {names: [ws]}
        image: lakegate/connector:1
        auth: {issuer: https://idp.example.com, audience: api://lakegate, surprise: dropped}
        telemetry: {otlpEndpoint: http://otel:4318}
        exposure: {}
        bogus: 42
        """);
        Map<String, Object> spec = spec(get(kube, "McpConnector", "ok"));
        assertThat(spec).doesNotContainKey("bogus").containsEntry("replicas", 1);
        assertThat((Map<String, Object>) spec.get("auth")).doesNotContainKey("surprise");
        assertThat((Map<String, Object>) spec.get("telemetry")).containsEntry("samplingRatio", 0.1);
        assertThat((Map<String, Object>) spec.get("exposure")).containsEntry("serviceType", "ClusterIP");
    }

    static final String PROXY_AUTH = "auth: {issuer: https://idp.example.com, audience: api://lakegate, oauthProxy: "
            + "{publicUrl: 'https://lakegate.example.com', authorizationEndpoint: 'https://idp.example.com/authorize', "
            + "tokenEndpoint: 'https://idp.example.com/token', clientId: app, clientSecretRef: {name: s, key: k}}}";

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
      no workspaces          | workspaces: {names: []} | workspaces must list at least one DatabricksWorkspace name or set a label selector
      memory with 2 replicas | workspaces: {names: [ws]}\\nreplicas: 2 | the Memory token store keeps tokens and rate-limit counters per pod
      memory with autoscale  | workspaces: {names: [ws]}\\nautoscaling: {minReplicas: 1, maxReplicas: 3} | run replicas: 1 without autoscaling
      dynamodb without table | workspaces: {names: [ws]}\\ntokenStore: {type: DynamoDB} | tokenStore.dynamodb must be set when, and only when, tokenStore.type is DynamoDB
      memory with table      | workspaces: {names: [ws]}\\ntokenStore: {type: Memory, dynamodb: {table: tokens, region: eu-west-1}} | tokenStore.dynamodb must be set when, and only when
      both tool lists        | workspaces: {names: [ws]}\\ntools: {enabled: [get_table], disabled: [proxy_to_sql]} | tools.enabled and tools.disabled are mutually exclusive
      proxy without key      | workspaces: {names: [ws]}\\nreplicas: 2\\ntokenStore: {type: DynamoDB, dynamodb: {table: tokens, region: eu-west-1, encryptionKeySecretRef: {name: s, key: k}}}\\nPROXY | set auth.oauthProxy.signingKeySecretRef
      proxy unsealed store   | workspaces: {names: [ws]}\\ntokenStore: {type: DynamoDB, dynamodb: {table: tokens, region: eu-west-1}}\\nPROXY | set tokenStore.dynamodb.encryptionKeySecretRef
      unknown tool name      | workspaces: {names: [ws]}\\ntools: {disabled: [execute_sql]} | each entry must be one of the connector's tools
      sampling above one     | workspaces: {names: [ws]}\\ntelemetry: {samplingRatio: 1.5} | should be less than or equal to 1
      inverted autoscaling   | workspaces: {names: [ws]}\\ntokenStore: {type: DynamoDB, dynamodb: {table: tokens, region: eu-west-1}}\\nautoscaling: {minReplicas: 5, maxReplicas: 2} | autoscaling.minReplicas must not exceed autoscaling.maxReplicas
      bad service type       | workspaces: {names: [ws]}\\nexposure: {serviceType: ExternalName} | Unsupported value: "ExternalName"
      short table name       | workspaces: {names: [ws]}\\ntokenStore: {type: DynamoDB, dynamodb: {table: t, region: eu-west-1}} | spec.tokenStore.dynamodb.table
      """)
    void invalidConnectorIsRejectedWithItsReason(
            String description, String spec, String message, KubeTestContext kube) {
        String auth = spec.endsWith("PROXY")
                ? PROXY_AUTH
                : "auth: {issuer: https://idp.example.com, audience: api://lakegate}";
        assertRejected(
                kube,
                "McpConnector",
                spec.replace("\\nPROXY", "").replace("\\n", "\n") + "\nimage: lakegate/connector:1\n" + auth + "\n",
                message);
    }

    @Test
    void dynamoDbTokenStoreAllowsSeveralReplicas(KubeTestContext kube) {
        create(kube, "McpConnector", "fleet", """
        workspaces: {selector: {matchLabels: {team: data}}}
        replicas: 3
        image: lakegate/connector:1
        auth: {issuer: https://idp.example.com, audience: api://lakegate}
        tokenStore: {type: DynamoDB, dynamodb: {table: lakegate-tokens, region: eu-west-1}}
        """);
        assertThat(spec(get(kube, "McpConnector", "fleet"))).containsEntry("replicas", 3);
    }

    private static void assertRejected(KubeTestContext kube, String kind, String specYaml, String message) {
        assertThatThrownBy(() -> create(kube, kind, "bad", specYaml))
                .isInstanceOfSatisfying(
                        KubernetesClientException.class,
                        e -> assertThat(e.getCode()).isEqualTo(422))
                .hasMessageContaining(message);
    }

    static void create(KubeTestContext kube, String kind, String name, String specYaml) {
        String yaml = "apiVersion: " + API + "\nkind: " + kind + "\nmetadata: {name: " + name + "}\nspec:\n"
                + specYaml.indent(2);
        GenericKubernetesResource resource = Serialization.unmarshal(yaml, GenericKubernetesResource.class);
        kube.client()
                .genericKubernetesResources(API, kind)
                .inNamespace(kube.namespace())
                .resource(resource)
                .create();
    }

    private static GenericKubernetesResource get(KubeTestContext kube, String kind, String name) {
        return kube.client()
                .genericKubernetesResources(API, kind)
                .inNamespace(kube.namespace())
                .withName(name)
                .get();
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> spec(GenericKubernetesResource resource) {
        return (Map<String, Object>) resource.getAdditionalProperties().get("spec");
    }
}
