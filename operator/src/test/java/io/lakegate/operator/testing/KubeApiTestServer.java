package io.lakegate.operator.testing;

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
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One real kube-apiserver + etcd per test JVM (fabric8 kube-api-test), started on first use and stopped by a shutdown
 * hook. Starting one takes seconds, so tests share it and isolate themselves by namespace ({@link KubeApiTestExtension}).
 *
 * <p>The binaries come from {@code scripts/kube-binaries.sh} (run by Maven in generate-test-resources) in the
 * kube-api-test layout under {@code KUBE_API_TEST_DIR}; the version is pinned by the {@code lakegate.k8s.version} system
 * property so a newer directory in the cache never changes what the tests run against. Offline mode is set through the
 * builder: kube-api-test 7.6.1 throws ClassCastException when it reads its Boolean settings from environment variables.
 *
 * <p>The server writes an audit log of every write request ({@link ApiWriteLog}), which is how tests prove that an
 * idle reconcile writes nothing, and runs a {@link FakeDeploymentController} because a bare apiserver has no
 * controllers to give Deployments a status.
 */
public final class KubeApiTestServer {

    public static final String VERSION_PROPERTY = "lakegate.k8s.version";
    public static final String TEST_DIR_ENV = "KUBE_API_TEST_DIR";
    private static final Logger log = LoggerFactory.getLogger(KubeApiTestServer.class);
    private static final int STARTUP_TIMEOUT_MILLIS = 120_000;

    private static KubeApiTestServer shared;
    private static RuntimeException startFailure;

    private final String version;
    private final KubeAPIServer server;
    private final String kubeConfigYaml;
    private final KubernetesClient adminClient;
    private final ApiWriteLog writeLog;
    private final FakeDeploymentController deploymentController;
    private final List<KubernetesClient> clients = new CopyOnWriteArrayList<>();
    private final Path workDir;

    /** The server of this JVM, started on the first call. A failed start is remembered, not retried by every test. */
    public static synchronized KubeApiTestServer shared() {
        if (shared != null) {
            return shared;
        }
        if (startFailure != null) {
            throw startFailure;
        }
        try {
            KubeApiTestServer started = start();
            Runtime.getRuntime().addShutdownHook(new Thread(started::stop, "kube-api-test-shutdown"));
            shared = started;
            return started;
        } catch (RuntimeException e) {
            startFailure = e;
            throw e;
        }
    }

    private KubeApiTestServer(String version, KubeAPIServer server, Path workDir, Path auditLog) {
        this.version = version;
        this.server = server;
        this.workDir = workDir;
        this.kubeConfigYaml = server.getKubeConfigYaml();
        this.adminClient = newClient("lakegate-test");
        this.writeLog = new ApiWriteLog(auditLog, newClient(ApiWriteLog.BARRIER_USER_AGENT));
        this.deploymentController = new FakeDeploymentController(newClient(FakeDeploymentController.USER_AGENT));
    }

    private static KubeApiTestServer start() {
        String version = pinnedVersion();
        String testDir = Optional.ofNullable(System.getenv(TEST_DIR_ENV))
                .filter(s -> !s.isBlank())
                .orElse(Path.of(System.getProperty("user.home"), ".cache", "lakegate", "kube")
                        .toString());
        Path binaries = Path.of(testDir, "k8s", version + "-linux-amd64");
        if (!Files.isExecutable(binaries.resolve("kube-apiserver"))) {
            throw new IllegalStateException("no kube-apiserver in " + binaries + ": run scripts/kube-binaries.sh "
                    + version + " (Maven runs it in generate-test-resources unless -Dlakegate.kube.skipBuild=true)");
        }
        Path workDir;
        Path auditLog;
        try {
            workDir = Files.createTempDirectory("lakegate-kube-api-test");
            auditLog = workDir.resolve("audit.log");
            Files.writeString(workDir.resolve("audit-policy.yaml"), ApiWriteLog.AUDIT_POLICY);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        var config = KubeAPIServerConfigBuilder.anAPIServerConfig()
                .withTestDir(testDir)
                .withApiServerVersion(version)
                .withOfflineMode(true)
                .withStartupTimeout(STARTUP_TIMEOUT_MILLIS)
                .withApiServerFlag(
                        "--audit-policy-file",
                        workDir.resolve("audit-policy.yaml").toString())
                .withApiServerFlag("--audit-log-path", auditLog.toString())
                .withApiServerFlag("--audit-log-mode", "blocking")
                // kube-api-test's default /24 holds 254 Services: one per connector, so a fleet of hundreds needs more
                .withApiServerFlag("--service-cluster-ip-range", "10.96.0.0/16")
                .build();
        long started = System.nanoTime();
        KubeAPIServer server = new KubeAPIServer(config);
        server.start();
        log.info(
                "kube-apiserver {} from {} ready in {} ms",
                version,
                binaries,
                (System.nanoTime() - started) / 1_000_000);
        KubeApiTestServer result = null;
        try {
            result = new KubeApiTestServer(version, server, workDir, auditLog);
            result.deploymentController.start();
            return result;
        } catch (RuntimeException e) {
            if (result != null) {
                result.stop();
            } else {
                server.stop();
            }
            throw e;
        }
    }

    private static String pinnedVersion() {
        String version = System.getProperty(VERSION_PROPERTY);
        if (version == null || version.isBlank()) {
            version = System.getenv(KubeAPIServerConfigBuilder.KUBE_API_TEST_API_SERVER_VERSION);
        }
        if (version == null || version.isBlank()) {
            throw new IllegalStateException(
                    "set -D" + VERSION_PROPERTY + "=<x.y.z> (Maven's surefire sets it from the pom)");
        }
        return version;
    }

    /** Kubernetes version this server runs, e.g. {@code 1.35.4}. */
    public String version() {
        return version;
    }

    /** Kubeconfig with client certificates for this server, for code that builds its own client. */
    public String kubeConfigYaml() {
        return kubeConfigYaml;
    }

    /** A client shared by tests; do not close it. */
    public KubernetesClient client() {
        return adminClient;
    }

    /**
     * A new client whose requests carry {@code userAgent}, so audit records ({@link ApiWrite#userAgent()}) tell its
     * writes apart. Closed when the server stops.
     */
    public KubernetesClient newClient(String userAgent) {
        Config config = Config.fromKubeconfig(kubeConfigYaml);
        config.setUserAgent(userAgent);
        KubernetesClient client =
                new KubernetesClientBuilder().withConfig(config).build();
        clients.add(client);
        return client;
    }

    public ApiWriteLog writeLog() {
        return writeLog;
    }

    public FakeDeploymentController deploymentController() {
        return deploymentController;
    }

    private synchronized void stop() {
        deploymentController.close();
        clients.forEach(KubernetesClient::close);
        try {
            server.stop();
        } catch (RuntimeException e) {
            log.warn("stopping kube-apiserver failed: {}", e.toString());
        }
        deleteQuietly(workDir);
    }

    private static void deleteQuietly(Path dir) {
        try (var paths = Files.walk(dir)) {
            paths.sorted(java.util.Comparator.reverseOrder())
                    .forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            log.debug("could not delete {}: {}", dir, e.toString());
        }
    }
}
