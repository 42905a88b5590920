package io.lakegate.e2e.support;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerPort;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.EnvVarSource;
import io.fabric8.kubernetes.api.model.KeyToPath;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.Volume;
import io.fabric8.kubernetes.api.model.VolumeMount;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Plays the kubelet for a Deployment on a bare kube-apiserver: resolves the pod template's environment (literal
 * values, Secret, ConfigMap and downward-API references), materialises its ConfigMap/Secret volumes into a directory,
 * and starts the connector jar ({@link #start}) or the container image ({@link #startContainer}) with exactly that
 * configuration. What differs from a pod, each rewritten wherever the template names it, and nothing else is changed:
 * for the jar, mount paths are re-rooted under the pod directory (the test cannot write to {@code /etc}); for both, the
 * container port becomes a port the OS picks, because every replica here shares one network namespace where a pod has
 * its own ({@code SERVER_PORT} or the operator's port variable, and {@code 127.0.0.1:<port>} or
 * {@code localhost:<port>} in a value, which is how a pod reaches itself).
 */
public final class PodTemplateLauncher {

    /** Env variables that carry the container's port: the connector's (Spring Boot) and the operator's (chart). */
    private static final Set<String> PORT_VARIABLES = Set.of("SERVER_PORT", "LAKEGATE_OPERATOR_HTTP_PORT");

    private final KubernetesClient client;

    public PodTemplateLauncher(KubernetesClient client) {
        this.client = client;
    }

    /** Starts one replica of the Deployment's first container as a local process. */
    public ConnectorProcess start(Deployment deployment, Path podDir, Map<String, String> extraEnv) {
        Replica replica = prepare(deployment, podDir, extraEnv, true);
        return ConnectorProcess.start(replica.hostPort(), replica.env(), replica.args(), podDir);
    }

    /**
     * Starts one replica of the Deployment's first container from its image under podman, with the pod template's
     * settings applied as a kubelet would: env (Secret, ConfigMap and downward-API references resolved), ConfigMap and
     * Secret volumes mounted read-only at their mount paths, emptyDirs, user, group, fsGroup, read-only root
     * filesystem, capabilities, privilege escalation and memory limit ({@link PodSecurity}); ready when the readiness probe's path
     * answers. Only the port differs (host network, see the class comment): the container listens on a port the OS
     * picked, given in the env variable that names the container port, else as Spring Boot's {@code --server.port}.
     * {@code extraMounts} (container path to host directory, read-only) are what the kubelet adds, such as the
     * ServiceAccount token.
     */
    public ContainerReplica startContainer(
            Deployment deployment,
            Path podDir,
            Map<String, String> extraEnv,
            Map<String, Path> extraMounts,
            String imageId) {
        Replica replica = prepare(deployment, podDir, extraEnv, false);
        String name = ("lakegate-" + deployment.getMetadata().getName() + "-" + podDir.getFileName() + "-"
                        + replica.hostPort())
                .replaceAll("[^a-zA-Z0-9_.-]", "-");
        List<String> options = new ArrayList<>(PodSecurity.podmanOptions(replica.pod(), replica.container()));
        // ConfigMaps and Secrets read-only, as the kubelet mounts them; emptyDirs are the runtime's own (PodSecurity)
        Set<String> emptyDirs = PodSecurity.emptyDirMountPaths(replica.pod(), replica.container());
        Map<String, Path> mounts = new LinkedHashMap<>(replica.mounts());
        mounts.putAll(extraMounts);
        mounts.forEach((path, local) -> {
            if (!emptyDirs.contains(path)) {
                options.addAll(List.of("--volume", local + ":" + path + ":ro"));
            }
        });
        options.addAll(PodSecurity.emptyDirs(replica.pod(), replica.container()));
        // values are passed by name from podman's environment: a PEM key in an env value has newlines
        replica.env().keySet().forEach(key -> options.addAll(List.of("--env", key)));
        List<String> args =
                new ArrayList<>(replica.portInEnv() ? List.of() : ConnectorProcess.serverArgs(replica.hostPort()));
        args.addAll(replica.args());
        Podman.remove(name);
        ConnectorProcess process = ConnectorProcess.start(
                replica.hostPort(),
                readinessPath(replica.container()),
                Podman.runCommand(name, options, imageId, args),
                replica.env(),
                podDir,
                () -> Podman.remove(name));
        return new ContainerReplica(name, process);
    }

    /** A replica running in a container: the process view for HTTP and MCP calls, the name for its pid. */
    public record ContainerReplica(String name, ConnectorProcess process) implements AutoCloseable {
        /** The host pid of the container's JVM, to read what the kernel gave it from {@code /proc}. */
        public long pid() {
            return Podman.pid(name);
        }

        @Override
        public void close() {
            process.close();
        }
    }

    private static String readinessPath(Container container) {
        if (container.getReadinessProbe() == null
                || container.getReadinessProbe().getHttpGet() == null) {
            throw new IllegalStateException("no HTTP readiness probe on container " + container.getName());
        }
        return container.getReadinessProbe().getHttpGet().getPath();
    }

    private record Replica(
            PodSpec pod,
            Container container,
            int hostPort,
            Map<String, String> env,
            List<String> args,
            Map<String, Path> mounts,
            boolean portInEnv) {}

    /**
     * Resolves the first container's environment and arguments and materialises its ConfigMap/Secret volumes under
     * {@code podDir}. {@code reroot}: a local process sees the volumes under the pod directory, so paths into them are
     * rewritten; a container sees them where the template mounts them.
     */
    private Replica prepare(Deployment deployment, Path podDir, Map<String, String> extraEnv, boolean reroot) {
        String namespace = deployment.getMetadata().getNamespace();
        PodSpec pod = deployment.getSpec().getTemplate().getSpec();
        Container container = pod.getContainers().get(0);
        try {
            Files.createDirectories(podDir);
            Map<String, Path> mounts = materialiseMounts(namespace, pod, container, podDir);
            Map<String, Path> seen = reroot ? mounts : Map.of();
            int hostPort = ConnectorProcess.freePort();
            Map<String, String> ports = portMapping(container, hostPort);
            Map<String, String> env = new LinkedHashMap<>();
            boolean portInEnv = false;
            for (EnvVar var : container.getEnv() == null ? List.<EnvVar>of() : container.getEnv()) {
                String value = reroot(resolve(namespace, podDir.getFileName().toString(), var), seen);
                boolean port = PORT_VARIABLES.contains(var.getName()) && ports.containsKey(value);
                portInEnv |= port;
                env.put(var.getName(), port ? Integer.toString(hostPort) : remapLoopback(value, ports));
            }
            env.putAll(extraEnv);
            List<String> args = new ArrayList<>();
            for (String arg : container.getArgs() == null ? List.<String>of() : container.getArgs()) {
                args.add(remapLoopback(reroot(arg, seen), ports));
            }
            return new Replica(pod, container, hostPort, env, args, mounts, portInEnv);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private Map<String, Path> materialiseMounts(String namespace, PodSpec pod, Container container, Path podDir)
            throws IOException {
        Map<String, Path> mounts = new LinkedHashMap<>();
        for (VolumeMount mount :
                container.getVolumeMounts() == null ? List.<VolumeMount>of() : container.getVolumeMounts()) {
            Volume volume = pod.getVolumes().stream()
                    .filter(v -> v.getName().equals(mount.getName()))
                    .findFirst()
                    .orElseThrow(() -> new IllegalStateException("no volume " + mount.getName()));
            Path local = podDir.resolve("mounts" + mount.getMountPath());
            Files.createDirectories(local);
            if (volume.getConfigMap() != null) {
                ConfigMap map = client.configMaps()
                        .inNamespace(namespace)
                        .withName(volume.getConfigMap().getName())
                        .require();
                writeItems(
                        local, stringData(map.getData()), volume.getConfigMap().getItems());
            } else if (volume.getSecret() != null) {
                Secret secret = client.secrets()
                        .inNamespace(namespace)
                        .withName(volume.getSecret().getSecretName())
                        .require();
                writeItems(local, decoded(secret.getData()), volume.getSecret().getItems());
            }
            mounts.put(mount.getMountPath(), local);
        }
        return mounts;
    }

    private static void writeItems(Path dir, Map<String, byte[]> data, List<KeyToPath> items) throws IOException {
        if (items == null || items.isEmpty()) {
            for (Map.Entry<String, byte[]> entry : data.entrySet()) {
                Files.write(dir.resolve(entry.getKey()), entry.getValue());
            }
            return;
        }
        for (KeyToPath item : items) {
            byte[] value = data.get(item.getKey());
            if (value == null) {
                throw new IllegalStateException(
                        "key " + item.getKey() + " missing: the kubelet would not start this pod");
            }
            Files.write(dir.resolve(item.getPath()), value);
        }
    }

    private String resolve(String namespace, String podName, EnvVar var) {
        EnvVarSource from = var.getValueFrom();
        if (from == null) {
            return var.getValue() == null ? "" : var.getValue();
        }
        if (from.getFieldRef() != null) {
            // the downward API fields the charts and the operator use
            return switch (from.getFieldRef().getFieldPath()) {
                case "metadata.namespace" -> namespace;
                case "metadata.name" -> podName;
                default ->
                    throw new IllegalStateException(
                            "unsupported field " + from.getFieldRef().getFieldPath() + " for " + var.getName());
            };
        }
        if (from.getSecretKeyRef() != null) {
            Secret secret = client.secrets()
                    .inNamespace(namespace)
                    .withName(from.getSecretKeyRef().getName())
                    .require();
            byte[] value = decoded(secret.getData()).get(from.getSecretKeyRef().getKey());
            if (value == null) {
                throw new IllegalStateException(
                        "secret key " + from.getSecretKeyRef().getKey() + " missing for " + var.getName());
            }
            return new String(value, StandardCharsets.UTF_8);
        }
        if (from.getConfigMapKeyRef() != null) {
            ConfigMap map = client.configMaps()
                    .inNamespace(namespace)
                    .withName(from.getConfigMapKeyRef().getName())
                    .require();
            return map.getData().get(from.getConfigMapKeyRef().getKey());
        }
        throw new IllegalStateException("unsupported env source for " + var.getName());
    }

    /** The container's ports, each mapped to the host port (a connector container serves one port). */
    private static Map<String, String> portMapping(Container container, int hostPort) {
        Map<String, String> ports = new LinkedHashMap<>();
        for (ContainerPort port : container.getPorts() == null ? List.<ContainerPort>of() : container.getPorts()) {
            ports.put(Integer.toString(port.getContainerPort()), Integer.toString(hostPort));
        }
        if (ports.size() > 1) {
            throw new IllegalStateException("more than one container port: " + ports.keySet());
        }
        return ports;
    }

    /** Rewrites the pod's loopback addresses of a container port to the host port. */
    private static String remapLoopback(String value, Map<String, String> ports) {
        String result = value;
        for (Map.Entry<String, String> port : ports.entrySet()) {
            result = result.replaceAll(
                    "(//(?:127\\.0\\.0\\.1|localhost)):" + port.getKey() + "(?![0-9])", "$1:" + port.getValue());
        }
        return result;
    }

    /** Re-roots a path under the most specific mount containing it, once (a re-rooted path may lie under /tmp). */
    private static String reroot(String value, Map<String, Path> mounts) {
        return mounts.entrySet().stream()
                .filter(mount -> value.startsWith(mount.getKey() + "/") || value.equals(mount.getKey()))
                .max(java.util.Comparator.comparingInt(mount -> mount.getKey().length()))
                .map(mount -> mount.getValue() + value.substring(mount.getKey().length()))
                .orElse(value);
    }

    private static Map<String, byte[]> stringData(Map<String, String> data) {
        Map<String, byte[]> bytes = new LinkedHashMap<>();
        if (data != null) {
            data.forEach((k, v) -> bytes.put(k, v.getBytes(StandardCharsets.UTF_8)));
        }
        return bytes;
    }

    private static Map<String, byte[]> decoded(Map<String, String> data) {
        Map<String, byte[]> bytes = new LinkedHashMap<>();
        if (data != null) {
            data.forEach((k, v) -> bytes.put(k, Base64.getDecoder().decode(v)));
        }
        return bytes;
    }
}
