package io.lakegate.operator.connector;

import io.lakegate.operator.api.McpConnector;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** Names and labels of a connector's children. */
public final class ConnectorNames {
    public static final String MANAGED_BY_LABEL = "app.kubernetes.io/managed-by";
    public static final String MANAGED_BY = "lakegate-operator";
    /** Informer selector of every dependent: the operator only caches children it made. */
    public static final String MANAGED_SELECTOR = MANAGED_BY_LABEL + "=" + MANAGED_BY;

    public static final String INSTANCE_LABEL = "app.kubernetes.io/instance";
    public static final String CONFIG_HASH_ANNOTATION = "lakegate.io/config-hash";
    public static final String CONTAINER = "connector";
    public static final String HTTP_PORT_NAME = "http";
    public static final int HTTP_PORT = 8080;
    public static final String MCP_PATH = "/mcp";
    public static final String CONFIG_DIR = "/etc/lakegate";
    public static final String REGISTRY_KEY = "workspaces.json";
    /** Key of the generated Secret's entry holding the key every replica signs session ids and handles with. */
    public static final String SESSION_KEY = "session-key";
    /**
     * The cluster DNS domain Service names end in. The kubelet's default; a cluster with another domain still reaches
     * the connector by the shorter names, which need no domain.
     */
    public static final String CLUSTER_DOMAIN = "cluster.local";

    private ConnectorNames() {}

    public static String workload(McpConnector connector) {
        return connector.getMetadata().getName();
    }

    public static String configMap(McpConnector connector) {
        return connector.getMetadata().getName() + "-config";
    }

    /** The generated Secret holding what every replica of the connector must share. */
    public static String replicaSecret(McpConnector connector) {
        return connector.getMetadata().getName() + "-replica-secrets";
    }

    /** Every name in-cluster clients may put in {@code Host} for the connector's Service, shortest first. */
    public static List<String> serviceHosts(McpConnector connector) {
        String service = workload(connector);
        String namespace = connector.getMetadata().getNamespace();
        return List.of(
                service,
                service + "." + namespace,
                service + "." + namespace + ".svc",
                service + "." + namespace + ".svc." + CLUSTER_DOMAIN);
    }

    /** Labels on every child; the selector labels are the stable subset. */
    public static Map<String, String> labels(McpConnector connector) {
        Map<String, String> labels = new TreeMap<>(selectorLabels(connector));
        labels.put(MANAGED_BY_LABEL, MANAGED_BY);
        labels.put("app.kubernetes.io/component", "mcp-connector");
        return labels;
    }

    public static Map<String, String> selectorLabels(McpConnector connector) {
        Map<String, String> labels = new TreeMap<>();
        labels.put("app.kubernetes.io/name", "lakegate-connector");
        labels.put(INSTANCE_LABEL, connector.getMetadata().getName());
        return labels;
    }
}
