package io.lakegate.bench.operator;

import io.fabric8.kubeapitest.KubeAPIServer;
import io.fabric8.kubeapitest.KubeAPIServerConfigBuilder;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A real kube-apiserver + etcd (fabric8 kube-api-test, offline, binaries from {@code scripts/kube-binaries.sh}) with an
 * audit log of every write, which is how the operator's API writes are counted whatever client it uses.
 */
final class KubeApiServer implements AutoCloseable {

    /** Metadata of mutating requests only, written before the response is sent (blocking mode). */
    static final String AUDIT_POLICY = """
            apiVersion: audit.k8s.io/v1
            kind: Policy
            omitStages: ["RequestReceived"]
            rules:
              - level: Metadata
                verbs: ["create", "update", "patch", "delete", "deletecollection"]
              - level: None
            """;

    private final KubeAPIServer server;
    private final Path auditLog;
    private final Path kubeconfig;
    private final String kubeconfigYaml;
    private final List<KubernetesClient> clients = new CopyOnWriteArrayList<>();

    private KubeApiServer(KubeAPIServer server, Path auditLog, Path kubeconfig) {
        this.server = server;
        this.auditLog = auditLog;
        this.kubeconfig = kubeconfig;
        this.kubeconfigYaml = server.getKubeConfigYaml();
    }

    static KubeApiServer start(Path kubeDir, String version, Path workDir) {
        Path binaries = kubeDir.resolve("k8s").resolve(version + "-linux-amd64");
        if (!Files.isExecutable(binaries.resolve("kube-apiserver"))) {
            throw new IllegalStateException(
                    "no kube-apiserver in " + binaries + ": run scripts/kube-binaries.sh " + version);
        }
        try {
            Path policy = workDir.resolve("audit-policy.yaml");
            Path auditLog = workDir.resolve("kube-audit.log");
            Files.writeString(policy, AUDIT_POLICY);
            KubeAPIServer server = new KubeAPIServer(KubeAPIServerConfigBuilder.anAPIServerConfig()
                    .withTestDir(kubeDir.toString())
                    .withApiServerVersion(version)
                    .withOfflineMode(true)
                    .withStartupTimeout(180_000)
                    .withApiServerFlag("--audit-policy-file", policy.toString())
                    .withApiServerFlag("--audit-log-path", auditLog.toString())
                    .withApiServerFlag("--audit-log-mode", "blocking")
                    // kube-api-test's default /24 holds 254 Services: one per connector, so a fleet of hundreds needs
                    // more
                    .withApiServerFlag("--service-cluster-ip-range", "10.96.0.0/16")
                    .build());
            server.start();
            Path kubeconfig = workDir.resolve("kubeconfig.yaml");
            Files.writeString(kubeconfig, server.getKubeConfigYaml());
            return new KubeApiServer(server, auditLog, kubeconfig);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A client whose writes carry {@code userAgent} in the audit log. */
    KubernetesClient newClient(String userAgent) {
        Config config = Config.fromKubeconfig(kubeconfigYaml);
        config.setUserAgent(userAgent);
        KubernetesClient client =
                new KubernetesClientBuilder().withConfig(config).build();
        clients.add(client);
        return client;
    }

    Path auditLog() {
        return auditLog;
    }

    /** Kubeconfig file for processes (the operator) that build their own client. */
    Path kubeconfig() {
        return kubeconfig;
    }

    @Override
    public void close() {
        clients.forEach(KubernetesClient::close);
        server.stop();
    }
}
