package io.lakegate.e2e.support;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.lakegate.operator.api.DatabricksWorkspace;
import io.lakegate.operator.api.McpConnector;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.stream.Stream;

/**
 * The example manifests shipped with the chart ({@code helm/lakegate-operator/examples/}), read as typed objects so a
 * test can patch what must differ on this machine (hosts and endpoints of the real cloud, Secret placeholders), the
 * way a kustomize overlay would, and then apply them. Every object is moved to the test's namespace.
 */
public final class ExampleManifests {

    public static final Path DIRECTORY = Path.of("..", "helm", "lakegate-operator", "examples");

    private final Map<String, HasMetadata> objects = new LinkedHashMap<>();

    private ExampleManifests() {}

    public static ExampleManifests load(KubernetesClient client, String namespace) {
        ExampleManifests examples = new ExampleManifests();
        try (Stream<Path> files = Files.list(DIRECTORY)) {
            for (Path file :
                    files.filter(p -> p.toString().endsWith(".yaml")).sorted().toList()) {
                try (InputStream in = Files.newInputStream(file)) {
                    for (HasMetadata object : client.load(in).items()) {
                        HasMetadata typed = typed(client, object);
                        typed.getMetadata().setNamespace(namespace);
                        examples.objects.put(
                                key(typed.getKind(), typed.getMetadata().getName()), typed);
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return examples;
    }

    private static HasMetadata typed(KubernetesClient client, HasMetadata object) {
        return switch (object.getKind()) {
            case "McpConnector" -> client.getKubernetesSerialization().convertValue(object, McpConnector.class);
            case "DatabricksWorkspace" ->
                client.getKubernetesSerialization().convertValue(object, DatabricksWorkspace.class);
            default -> object;
        };
    }

    private static String key(String kind, String name) {
        return kind + "/" + name;
    }

    public ExampleManifests workspace(String name, Consumer<DatabricksWorkspace> patch) {
        patch.accept(get(DatabricksWorkspace.class, "DatabricksWorkspace", name));
        return this;
    }

    public ExampleManifests connector(String name, Consumer<McpConnector> patch) {
        patch.accept(get(McpConnector.class, "McpConnector", name));
        return this;
    }

    /** Replaces a Secret's placeholder values ({@code stringData}, as the examples write them). */
    public ExampleManifests secretValues(String name, Map<String, String> values) {
        Secret secret = get(Secret.class, "Secret", name);
        Map<String, String> data = new LinkedHashMap<>(secret.getStringData());
        values.forEach((key, value) -> {
            if (!data.containsKey(key)) {
                throw new IllegalArgumentException("the example Secret " + name + " has no key " + key);
            }
            data.put(key, value);
        });
        data.forEach((key, value) -> {
            if (value.equals("replace-me")) {
                throw new IllegalArgumentException("placeholder left in Secret " + name + ": " + key);
            }
        });
        secret.setStringData(data);
        return this;
    }

    /** An object the examples leave to the platform (a Secret for a test stand-in, say). */
    public ExampleManifests add(HasMetadata object) {
        objects.put(key(object.getKind(), object.getMetadata().getName()), object);
        return this;
    }

    /** Leaves an example out (one the test has no stand-in for, say). */
    public ExampleManifests without(String kind, String name) {
        if (objects.remove(key(kind, name)) == null) {
            throw new IllegalArgumentException("no example " + kind + " named " + name + " in " + DIRECTORY);
        }
        return this;
    }

    public List<HasMetadata> objects() {
        return new ArrayList<>(objects.values());
    }

    public List<String> names(String kind) {
        return objects.values().stream()
                .filter(o -> o.getKind().equals(kind))
                .map(o -> o.getMetadata().getName())
                .toList();
    }

    /** Server-side applies every object, as {@code kubectl apply --server-side} or Argo CD would. */
    public void apply(KubernetesClient client, String fieldManager) {
        objects.values()
                .forEach(o -> client.resource(o)
                        .fieldManager(fieldManager)
                        .forceConflicts()
                        .serverSideApply());
    }

    private <T extends HasMetadata> T get(Class<T> type, String kind, String name) {
        HasMetadata object = objects.get(key(kind, name));
        if (object == null) {
            throw new IllegalArgumentException("no example " + kind + " named " + name + " in " + DIRECTORY);
        }
        return type.cast(object);
    }
}
