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

/**
 * Plays the kubelet for a connector Deployment on a bare kube-apiserver: resolves the pod template's environment
 * (literal values, Secret and ConfigMap references), materialises its ConfigMap/Secret volumes into a directory, and
 * starts the connector jar with exactly that configuration. Two things differ from a pod, each rewritten wherever the
 * template names it, and nothing else is changed: mount paths are re-rooted under the pod directory (the test cannot
 * write to {@code /etc}), and the container port becomes a port the OS picks, because every replica here shares one
 * network namespace where a pod has its own ({@code SERVER_PORT}, and {@code 127.0.0.1:<port>} or
 * {@code localhost:<port>} in a value, which is how a pod reaches itself).
 */
public final class PodTemplateLauncher {

    private final KubernetesClient client;

    public PodTemplateLauncher(KubernetesClient client) {
        this.client = client;
    }

    /** Starts one replica of the Deployment's first container as a local process. */
    public ConnectorProcess start(Deployment deployment, Path podDir, Map<String, String> extraEnv) {
        String namespace = deployment.getMetadata().getNamespace();
        PodSpec pod = deployment.getSpec().getTemplate().getSpec();
        Container container = pod.getContainers().get(0);
        try {
            Files.createDirectories(podDir);
            Map<String, Path> mounts = materialiseMounts(namespace, pod, container, podDir);
            int hostPort = ConnectorProcess.freePort();
            Map<String, String> ports = portMapping(container, hostPort);
            Map<String, String> env = new LinkedHashMap<>();
            for (EnvVar var : container.getEnv() == null ? List.<EnvVar>of() : container.getEnv()) {
                String value = reroot(resolve(namespace, var), mounts);
                env.put(var.getName(), var.getName().equals("SERVER_PORT") && ports.containsKey(value)
                        ? Integer.toString(hostPort) : remapLoopback(value, ports));
            }
            env.putAll(extraEnv);
            List<String> args = new ArrayList<>();
            for (String arg : container.getArgs() == null ? List.<String>of() : container.getArgs()) {
                args.add(remapLoopback(reroot(arg, mounts), ports));
            }
            return ConnectorProcess.start(hostPort, env, args, podDir);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private Map<String, Path> materialiseMounts(String namespace, PodSpec pod, Container container, Path podDir)
            throws IOException {
        Map<String, Path> mounts = new LinkedHashMap<>();
        for (VolumeMount mount : container.getVolumeMounts() == null ? List.<VolumeMount>of() : container.getVolumeMounts()) {
            Volume volume = pod.getVolumes().stream().filter(v -> v.getName().equals(mount.getName())).findFirst()
                    .orElseThrow(() -> new IllegalStateException("no volume " + mount.getName()));
            Path local = podDir.resolve("mounts" + mount.getMountPath());
            Files.createDirectories(local);
            if (volume.getConfigMap() != null) {
                ConfigMap map = client.configMaps().inNamespace(namespace).withName(volume.getConfigMap().getName()).require();
                writeItems(local, stringData(map.getData()), volume.getConfigMap().getItems());
            } else if (volume.getSecret() != null) {
                Secret secret = client.secrets().inNamespace(namespace).withName(volume.getSecret().getSecretName()).require();
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
                throw new IllegalStateException("key " + item.getKey() + " missing: the kubelet would not start this pod");
            }
            Files.write(dir.resolve(item.getPath()), value);
        }
    }

    private String resolve(String namespace, EnvVar var) {
        EnvVarSource from = var.getValueFrom();
        if (from == null) {
            return var.getValue() == null ? "" : var.getValue();
        }
        if (from.getSecretKeyRef() != null) {
            Secret secret = client.secrets().inNamespace(namespace).withName(from.getSecretKeyRef().getName()).require();
            byte[] value = decoded(secret.getData()).get(from.getSecretKeyRef().getKey());
            if (value == null) {
                throw new IllegalStateException("secret key " + from.getSecretKeyRef().getKey() + " missing for " + var.getName());
            }
            return new String(value, StandardCharsets.UTF_8);
        }
        if (from.getConfigMapKeyRef() != null) {
            ConfigMap map = client.configMaps().inNamespace(namespace).withName(from.getConfigMapKeyRef().getName()).require();
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
            result = result.replaceAll("(//(?:127\\.0\\.0\\.1|localhost)):" + port.getKey() + "(?![0-9])",
                    "$1:" + port.getValue());
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
