package io.lakegate.bench.operator;

import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.lakegate.operator.api.Cloud;
import io.lakegate.operator.api.DatabricksWorkspace;
import io.lakegate.operator.api.DatabricksWorkspaceSpec;
import io.lakegate.operator.api.IdentityMode;
import io.lakegate.operator.api.InboundAuth;
import io.lakegate.operator.api.McpConnector;
import io.lakegate.operator.api.McpConnectorSpec;
import io.lakegate.operator.api.TokenFederationIdentity;
import io.lakegate.operator.api.WorkspaceIdentity;
import io.lakegate.operator.api.WorkspaceSelection;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

/**
 * The fleet the scale run applies: one namespace per workspace (a team), one DatabricksWorkspace in each (token
 * federation, so no Secrets are needed), and the connectors spread evenly over them.
 */
final class FleetFixture {

    static final String NAMESPACE_PREFIX = "lg-bench-";
    private static final int CREATE_THREADS = 8;

    private final int connectors;
    private final int workspaces;

    FleetFixture(int connectors, int workspaces) {
        if (workspaces < 1 || connectors < workspaces) {
            throw new IllegalArgumentException("need at least one connector per workspace");
        }
        this.connectors = connectors;
        this.workspaces = workspaces;
    }

    static String namespace(int workspace) {
        return NAMESPACE_PREFIX + String.format(Locale.ROOT, "%02d", workspace);
    }

    void createNamespaces(KubernetesClient client) {
        for (int w = 0; w < workspaces; w++) {
            client.namespaces()
                    .resource(new NamespaceBuilder()
                            .withNewMetadata()
                            .withName(namespace(w))
                            .endMetadata()
                            .build())
                    .create();
        }
    }

    /** Creates every workspace and connector (in parallel, as a GitOps sync would) and waits for the creates. */
    void apply(KubernetesClient client) {
        ExecutorService pool = Executors.newFixedThreadPool(CREATE_THREADS);
        try {
            List<Future<?>> creates = new ArrayList<>();
            for (int w = 0; w < workspaces; w++) {
                int ws = w;
                creates.add(pool.submit(() -> client.resource(workspace(ws)).create()));
            }
            for (int c = 0; c < connectors; c++) {
                int index = c;
                creates.add(pool.submit(() -> client.resource(connector(index)).create()));
            }
            for (Future<?> f : creates) {
                f.get(120, TimeUnit.SECONDS);
            }
        } catch (Exception e) {
            throw new IllegalStateException("applying the fleet failed: " + e.getMessage(), e);
        } finally {
            pool.shutdownNow();
        }
    }

    private DatabricksWorkspace workspace(int w) {
        // no clientId: an account-wide policy keeps calls per user, a service principal's would make them all its own
        TokenFederationIdentity federation = new TokenFederationIdentity();
        WorkspaceIdentity identity = new WorkspaceIdentity();
        identity.setMode(IdentityMode.TokenFederation);
        identity.setTokenFederation(federation);
        DatabricksWorkspaceSpec spec = new DatabricksWorkspaceSpec();
        spec.setHost(String.format(Locale.ROOT, "https://dbc-bench-%02d.cloud.databricks.com", w));
        spec.setCloud(Cloud.AWS);
        spec.setIdentity(identity);
        DatabricksWorkspace workspace = new DatabricksWorkspace();
        workspace.setMetadata(new ObjectMetaBuilder()
                .withName("workspace")
                .withNamespace(namespace(w))
                .build());
        workspace.setSpec(spec);
        return workspace;
    }

    private McpConnector connector(int c) {
        WorkspaceSelection selection = new WorkspaceSelection();
        selection.setNames(List.of("workspace"));
        InboundAuth auth = new InboundAuth();
        auth.setIssuer("https://login.example.com/tenant/v2.0");
        auth.setAudience("api://lakegate");
        McpConnectorSpec spec = new McpConnectorSpec();
        spec.setWorkspaces(selection);
        spec.setImage("lakegate/connector:bench");
        spec.setAuth(auth);
        McpConnector connector = new McpConnector();
        connector.setMetadata(new ObjectMetaBuilder()
                .withName(String.format(Locale.ROOT, "connector-%04d", c))
                .withNamespace(namespace(c % workspaces))
                .build());
        connector.setSpec(spec);
        return connector;
    }
}
