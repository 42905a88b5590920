package io.lakegate.operator.connector;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.LabelSelectorBuilder;
import io.lakegate.operator.Fixtures;
import io.lakegate.operator.api.AwsCredentialsRef;
import io.lakegate.operator.api.DatabricksWorkspace;
import io.lakegate.operator.api.DynamoDbTokenStore;
import io.lakegate.operator.api.McpConnector;
import io.lakegate.operator.api.SecretKeyRef;
import io.lakegate.operator.api.TokenStore;
import io.lakegate.operator.api.TokenStoreType;
import io.lakegate.operator.api.WorkspaceResolution;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ConnectorResolverTest {
    private static final String NS = "lake";

    @Test
    void resolvesNamedAndSelectedWorkspacesOnceEachInNameOrder() {
        DatabricksWorkspace labelled = Fixtures.federatedWorkspace(NS, "b-labelled");
        labelled.getMetadata().setLabels(Map.of("team", "data"));
        MapReferenceLookup lookup = new MapReferenceLookup()
                .with(Fixtures.azureWorkspace(NS, "c-named", "entra"))
                .with(labelled)
                .with(Fixtures.federatedWorkspace("other-namespace", "a-elsewhere"))
                .with(Fixtures.secret(NS, "entra", Map.of("client-secret", "v")));
        McpConnector connector = Fixtures.connector(NS, "fleet", "c-named", "b-labelled");
        connector
                .getSpec()
                .getWorkspaces()
                .setSelector(new LabelSelectorBuilder()
                        .addToMatchLabels("team", "data")
                        .build());

        ConnectorResolution resolution = new ConnectorResolver(lookup).resolve(connector);

        assertThat(resolution.accepted()).isTrue();
        assertThat(resolution.reason()).isEqualTo("Resolved");
        assertThat(resolution.workspaces())
                .extracting(ResolvedWorkspace::name, ResolvedWorkspace::index)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple("b-labelled", 0),
                        org.assertj.core.groups.Tuple.tuple("c-named", 1));
        assertThat(resolution.secretDigests()).containsOnlyKeys("entra/client-secret");
        assertThat(resolution.secretDigests().values()).noneMatch(v -> v.contains("dg=="));
    }

    @Test
    void missingReferencesAreReportedWithReasonsNotThrown() {
        MapReferenceLookup lookup = new MapReferenceLookup()
                .with(Fixtures.azureWorkspace(NS, "no-secret", "absent"))
                .with(Fixtures.azureWorkspace(NS, "no-key", "entra"))
                .with(Fixtures.secret(NS, "entra", Map.of("other", "v")));
        McpConnector connector = Fixtures.connector(NS, "fleet", "ghost", "no-secret", "no-key");

        ConnectorResolution resolution = new ConnectorResolver(lookup).resolve(connector);

        assertThat(resolution.accepted()).isFalse();
        assertThat(resolution.workspaces()).isEmpty();
        assertThat(resolution.report())
                .extracting(WorkspaceResolution::getName, WorkspaceResolution::getReason)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple("ghost", "WorkspaceNotFound"),
                        org.assertj.core.groups.Tuple.tuple("no-key", "SecretKeyNotFound"),
                        org.assertj.core.groups.Tuple.tuple("no-secret", "SecretNotFound"));
        assertThat(resolution.message())
                .contains(
                        "DatabricksWorkspace ghost not found in namespace lake",
                        "Secret entra has no key client-secret",
                        "Secret absent not found");
    }

    @Test
    void emptySelectionAndMissingTokenStoreCredentialsAreNotAccepted() {
        McpConnector selectorOnly = Fixtures.connector(NS, "fleet");
        selectorOnly
                .getSpec()
                .getWorkspaces()
                .setSelector(
                        new LabelSelectorBuilder().addToMatchLabels("x", "y").build());
        assertThat(new ConnectorResolver(new MapReferenceLookup())
                        .resolve(selectorOnly)
                        .reason())
                .isEqualTo("NoWorkspacesSelected");

        McpConnector dynamo = Fixtures.connector(NS, "fleet", "fed");
        TokenStore store = new TokenStore();
        store.setType(TokenStoreType.DynamoDB);
        DynamoDbTokenStore table = new DynamoDbTokenStore();
        table.setTable("tokens");
        table.setRegion("eu-west-1");
        AwsCredentialsRef credentials = new AwsCredentialsRef();
        credentials.setName("aws");
        table.setCredentialsSecretRef(credentials);
        store.setDynamodb(table);
        dynamo.getSpec().setTokenStore(store);
        MapReferenceLookup lookup = new MapReferenceLookup().with(Fixtures.federatedWorkspace(NS, "fed"));

        ConnectorResolution missing = new ConnectorResolver(lookup).resolve(dynamo);
        assertThat(missing.accepted()).isFalse();
        assertThat(missing.reason()).isEqualTo("SecretNotFound");
        assertThat(missing.message()).contains("tokenStore.dynamodb.credentialsSecretRef: Secret aws not found");

        lookup.with(Fixtures.secret(NS, "aws", Map.of("accessKeyId", "AKIA", "secretAccessKey", "s")));
        ConnectorResolution present = new ConnectorResolver(lookup).resolve(dynamo);
        assertThat(present.accepted()).isTrue();
        assertThat(present.secretDigests()).containsOnlyKeys("aws/accessKeyId", "aws/secretAccessKey");
    }

    @Test
    void oauthProxySecretsAreDigestedAndAMissingOneIsNamedByItsField() {
        MapReferenceLookup lookup = new MapReferenceLookup()
                .with(Fixtures.federatedWorkspace(NS, "fed"))
                .with(Fixtures.secret(NS, "proxy", Map.of("client-secret", "s", "signing-key", "k")));
        ConnectorResolution ok = new ConnectorResolver(lookup).resolve(Fixtures.proxyConnector(NS, "fleet", "fed"));
        assertThat(ok.accepted()).isTrue();
        assertThat(ok.secretDigests()).containsOnlyKeys("proxy/client-secret", "proxy/signing-key");

        MapReferenceLookup noKey = new MapReferenceLookup()
                .with(Fixtures.federatedWorkspace(NS, "fed"))
                .with(Fixtures.secret(NS, "proxy", Map.of("client-secret", "s")));
        ConnectorResolution refused = new ConnectorResolver(noKey).resolve(Fixtures.proxyConnector(NS, "fleet", "fed"));
        assertThat(refused.accepted()).isFalse();
        assertThat(refused.reason()).isEqualTo("SecretKeyNotFound");
        assertThat(refused.message())
                .contains("auth.oauthProxy.signingKeySecretRef: Secret proxy has no key signing-key");
    }

    @Test
    void everySecretTheConnectorSpecNamesIsListedForWatchingAndHashing() {
        McpConnector connector = Fixtures.proxyConnector(NS, "fleet", "fed");
        TokenStore store = new TokenStore();
        store.setType(TokenStoreType.DynamoDB);
        DynamoDbTokenStore dynamo = new DynamoDbTokenStore();
        dynamo.setTable("tokens");
        dynamo.setRegion("eu-west-1");
        AwsCredentialsRef aws = new AwsCredentialsRef();
        aws.setName("aws");
        aws.setAccessKeyIdKey("id");
        aws.setSecretAccessKeyKey("secret");
        dynamo.setCredentialsSecretRef(aws);
        dynamo.setEncryptionKeySecretRef(new SecretKeyRef("sealing", "key"));
        store.setDynamodb(dynamo);
        connector.getSpec().setTokenStore(store);

        assertThat(ConnectorResolver.connectorSecrets(connector))
                .extracting(use -> use.field() + "=" + use.ref())
                .containsExactly(
                        "tokenStore.dynamodb.credentialsSecretRef=aws/id",
                        "tokenStore.dynamodb.credentialsSecretRef=aws/secret",
                        "tokenStore.dynamodb.encryptionKeySecretRef=sealing/key",
                        "auth.oauthProxy.clientSecretRef=proxy/client-secret",
                        "auth.oauthProxy.signingKeySecretRef=proxy/signing-key");
    }
}
