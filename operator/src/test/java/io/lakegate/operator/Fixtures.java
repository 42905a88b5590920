package io.lakegate.operator;

import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.lakegate.operator.api.Cloud;
import io.lakegate.operator.api.DatabricksWorkspace;
import io.lakegate.operator.api.DatabricksWorkspaceSpec;
import io.lakegate.operator.api.IdentityMode;
import io.lakegate.operator.api.InboundAuth;
import io.lakegate.operator.api.McpConnector;
import io.lakegate.operator.api.McpConnectorSpec;
import io.lakegate.operator.api.OAuthProxy;
import io.lakegate.operator.api.OnBehalfOfIdentity;
import io.lakegate.operator.api.SecretKeyRef;
import io.lakegate.operator.api.TokenFederationIdentity;
import io.lakegate.operator.api.WorkspaceIdentity;
import io.lakegate.operator.api.WorkspaceSelection;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Map;

/** Valid example resources for tests. */
public final class Fixtures {
    public static final String IMAGE = "lakegate/connector:test";

    private Fixtures() {}

    public static DatabricksWorkspace azureWorkspace(String namespace, String name, String secretName) {
        OnBehalfOfIdentity obo = new OnBehalfOfIdentity();
        obo.setTenantId("11111111-2222-3333-4444-555555555555");
        obo.setClientId("connector-app");
        obo.setClientSecretRef(new SecretKeyRef(secretName, "client-secret"));
        WorkspaceIdentity identity = new WorkspaceIdentity();
        identity.setMode(IdentityMode.OnBehalfOf);
        identity.setOnBehalfOf(obo);
        return workspace(namespace, name, "https://adb-1234567890.12.azuredatabricks.net", Cloud.AZURE, identity);
    }

    public static DatabricksWorkspace federatedWorkspace(String namespace, String name) {
        TokenFederationIdentity federation = new TokenFederationIdentity();
        federation.setClientId("sp-client");
        WorkspaceIdentity identity = new WorkspaceIdentity();
        identity.setMode(IdentityMode.TokenFederation);
        identity.setTokenFederation(federation);
        return workspace(namespace, name, "https://dbc-1234.cloud.databricks.com", Cloud.AWS, identity);
    }

    public static DatabricksWorkspace workspace(
            String namespace, String name, String host, Cloud cloud, WorkspaceIdentity identity) {
        DatabricksWorkspaceSpec spec = new DatabricksWorkspaceSpec();
        spec.setHost(host);
        spec.setCloud(cloud);
        spec.setIdentity(identity);
        DatabricksWorkspace workspace = new DatabricksWorkspace();
        workspace.setMetadata(
                new ObjectMetaBuilder().withName(name).withNamespace(namespace).build());
        workspace.setSpec(spec);
        return workspace;
    }

    public static McpConnector connector(String namespace, String name, String... workspaces) {
        WorkspaceSelection selection = new WorkspaceSelection();
        selection.setNames(List.of(workspaces));
        InboundAuth auth = new InboundAuth();
        auth.setIssuer("https://login.example.com/tenant/v2.0");
        auth.setAudience("api://lakegate");
        McpConnectorSpec spec = new McpConnectorSpec();
        spec.setWorkspaces(selection);
        spec.setImage(IMAGE);
        spec.setAuth(auth);
        McpConnector connector = new McpConnector();
        connector.setMetadata(
                new ObjectMetaBuilder().withName(name).withNamespace(namespace).build());
        connector.setSpec(spec);
        return connector;
    }

    /** A connector that is the OAuth authorization server its clients see, in front of Entra ID. */
    public static McpConnector proxyConnector(String namespace, String name, String... workspaces) {
        McpConnector connector = connector(namespace, name, workspaces);
        OAuthProxy proxy = new OAuthProxy();
        proxy.setPublicUrl("https://lakegate.example.com");
        proxy.setAuthorizationEndpoint("https://login.example.com/tenant/oauth2/v2.0/authorize");
        proxy.setTokenEndpoint("https://login.example.com/tenant/oauth2/v2.0/token");
        proxy.setClientId("connector-app");
        proxy.setClientSecretRef(new SecretKeyRef("proxy", "client-secret"));
        proxy.setSigningKeySecretRef(new SecretKeyRef("proxy", "signing-key"));
        connector.getSpec().getAuth().setOauthProxy(proxy);
        return connector;
    }

    public static Secret secret(String namespace, String name, Map<String, String> values) {
        SecretBuilder builder = new SecretBuilder()
                .withNewMetadata()
                .withName(name)
                .withNamespace(namespace)
                .endMetadata();
        values.forEach(
                (k, v) -> builder.addToData(k, Base64.getEncoder().encodeToString(v.getBytes(StandardCharsets.UTF_8))));
        return builder.build();
    }
}
