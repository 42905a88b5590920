package io.lakegate.e2e.support;

import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A real single-node Kubernetes on this machine ({@code scripts/kube-node.sh}): control plane, containerd + runc,
 * bridge CNI, kubelet and kube-proxy as processes, the node's address a /32 on {@code lo}. {@link #close()} and a
 * JVM shutdown hook both run the script's teardown, which restores every host setting {@code up} changed, so a failed
 * or killed test run leaves the host as it found it (the script's teardown is idempotent).
 */
public final class KubeNode implements AutoCloseable {

    /**
     * Above the script's own waits (up to 600 s for another node of this machine to go down, then 30 + 60 + 90 +
     * 60 s), so its diagnostic, not a kill, ends a slow start.
     */
    private static final Duration UP_TIMEOUT = Duration.ofMinutes(15);
    /** Above down's wait for a running up (300 s) plus stopping seven daemons: a killed down leaves the node up. */
    private static final Duration DOWN_TIMEOUT = Duration.ofMinutes(8);

    private final Path work;
    private final String address;
    private final Thread teardownOnExit;
    private boolean closed;

    private KubeNode(Path work, String address, Thread teardownOnExit) {
        this.work = work;
        this.address = address;
        this.teardownOnExit = teardownOnExit;
    }

    /** Why this machine cannot run the node (not root, not Linux/amd64, no Go...), or null when it can. */
    public static String cannotRunReason() {
        if (!System.getProperty("os.name").equals("Linux")
                || !System.getProperty("os.arch").equals("amd64")) {
            return "the node runs on Linux/amd64 only, this is " + System.getProperty("os.name") + "/"
                    + System.getProperty("os.arch");
        }
        ExternalCommand.Result check = script(List.of("check"), Duration.ofSeconds(30));
        return check.succeeded() ? null : check.output().strip();
    }

    /**
     * Starts the node with its work directory at {@code work} (the binaries come from the cache the build filled:
     * {@code scripts/kube-node.sh binaries}).
     */
    public static KubeNode start(Path work) {
        Thread teardown = new Thread(() -> down(work), "kube-node-teardown");
        // registered before up: a JVM killed half-way through up still tears down what up had created
        Runtime.getRuntime().addShutdownHook(teardown);
        ExternalCommand.Result binaries = script(List.of("binaries"), Duration.ofMinutes(20));
        if (!binaries.succeeded()) {
            throw new IllegalStateException("the node binaries could not be built:\n" + binaries.output());
        }
        ExternalCommand.Result up = script(List.of("up", work.toString()), UP_TIMEOUT);
        if (!up.succeeded()) {
            down(work);
            Runtime.getRuntime().removeShutdownHook(teardown);
            throw new IllegalStateException("the node did not come up:\n" + up.output() + logs(work));
        }
        List<String> lines = up.output().lines().toList();
        return new KubeNode(work, lines.get(lines.size() - 1).strip(), teardown);
    }

    /** The node's address: the apiserver, kubelet and NodePorts listen here; pods reach the host here. */
    public String address() {
        return address;
    }

    public Path kubeconfig() {
        return work.resolve("admin.kubeconfig");
    }

    /** A cluster-admin client (the test's, not the operator's: the operator runs in its pod under the chart's RBAC). */
    public KubernetesClient adminClient() {
        try {
            Config config = Config.fromKubeconfig(
                    null, Files.readString(kubeconfig()), kubeconfig().toString());
            config.setUserAgent("lakegate-e2e-admin");
            return new KubernetesClientBuilder().withConfig(config).build();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Imports an image archive (OCI or docker) into the node's containerd as {@code name}. */
    public void importImage(String name, Path archive) {
        ExternalCommand.Result imported =
                script(List.of("import", work.toString(), name, archive.toString()), Duration.ofMinutes(3));
        if (!imported.succeeded()) {
            throw new IllegalStateException("could not import " + archive + " as " + name + ":\n" + imported.output());
        }
    }

    /** kubectl against the node, as a user would run it (bounded; the output whatever the exit code). */
    public ExternalCommand.Result kubectl(String... args) {
        List<String> command = new ArrayList<>(
                List.of(kubectlBinary().toString(), "--kubeconfig", kubeconfig().toString()));
        command.addAll(List.of(args));
        return ExternalCommand.run(command, work, Map.of(), Duration.ofSeconds(60));
    }

    /** The daemons' logs (tails), for a failure message. */
    public String logs() {
        return logs(work);
    }

    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        down(work);
        try {
            Runtime.getRuntime().removeShutdownHook(teardownOnExit);
        } catch (IllegalStateException alreadyExiting) {
            // the hook is running or has run: teardown is idempotent
        }
    }

    private static void down(Path work) {
        ExternalCommand.Result down = script(List.of("down", work.toString()), DOWN_TIMEOUT);
        if (!down.succeeded()) {
            System.err.println("kube-node teardown failed (host settings may be left over):\n" + down.output());
        }
    }

    private static String logs(Path work) {
        StringBuilder text = new StringBuilder();
        try (var files = Files.list(work.resolve("log"))) {
            for (Path log : files.sorted().toList()) {
                List<String> lines = Files.readAllLines(log);
                text.append("\n--- ")
                        .append(log.getFileName())
                        .append('\n')
                        .append(String.join("\n", lines.subList(Math.max(0, lines.size() - 15), lines.size())));
            }
        } catch (IOException e) {
            text.append("\n(no logs: ").append(e.getMessage()).append(')');
        }
        return text.toString();
    }

    private static Path kubectlBinary() {
        String version = System.getProperty("lakegate.k8s.version", "1.35.4");
        String root = System.getenv()
                .getOrDefault(
                        "KUBE_API_TEST_DIR",
                        Path.of(System.getProperty("user.home"), ".cache", "lakegate", "kube")
                                .toString());
        return Path.of(root, "k8s", version + "-linux-amd64", "kubectl");
    }

    private static ExternalCommand.Result script(List<String> args, Duration timeout) {
        Path script = repositoryRoot().resolve("scripts/kube-node.sh");
        List<String> command = new ArrayList<>(List.of("bash", script.toString()));
        command.addAll(args);
        return ExternalCommand.run(
                command,
                repositoryRoot(),
                Map.of("LAKEGATE_K8S_VERSION", System.getProperty("lakegate.k8s.version", "1.35.4")),
                timeout);
    }

    private static Path repositoryRoot() {
        return Path.of(System.getProperty("basedir", "."))
                .toAbsolutePath()
                .resolve("..")
                .normalize();
    }
}
