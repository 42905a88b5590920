package io.lakegate.e2e.helm;

import com.marcnuri.helm.Helm;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** The chart rendered by Helm (in-process, helm-java) and parsed into fabric8 objects. */
final class RenderedChart {

    static final String RELEASE = "lakegate-operator";
    static final String NAMESPACE = "lakegate-system";
    private static final KubernetesSerialization SERIALIZATION = new KubernetesSerialization();

    private final List<HasMetadata> objects;

    private RenderedChart(List<HasMetadata> objects) {
        this.objects = objects;
    }

    /** The chart directory: {@code helm/lakegate-operator} in the repository (surefire runs in {@code e2e/}). */
    static Path chartDir() {
        Path dir = Path.of(System.getProperty("basedir", "."))
                .toAbsolutePath()
                .resolve("../helm/lakegate-operator")
                .normalize();
        if (!Files.isRegularFile(dir.resolve("Chart.yaml"))) {
            throw new IllegalStateException("no chart at " + dir);
        }
        return dir;
    }

    /** Kubernetes version the chart is rendered for: the one the tests' apiserver runs. */
    static String kubeVersion() {
        String version = System.getProperty("lakegate.k8s.version");
        if (version == null || version.isBlank()) {
            throw new IllegalStateException("set -Dlakegate.k8s.version (surefire sets it from the root pom)");
        }
        return version;
    }

    /** Renders with the chart's defaults overlaid by {@code valuesYaml} (typed YAML, unlike --set strings). */
    static RenderedChart render(String valuesYaml) {
        return render(valuesYaml, kubeVersion());
    }

    static RenderedChart render(String valuesYaml, String kubeVersion) {
        return render(valuesYaml, kubeVersion, NAMESPACE);
    }

    static RenderedChart render(String valuesYaml, String kubeVersion, String namespace) {
        try {
            Path values = Files.createTempFile("lakegate-chart-values", ".yaml");
            try {
                Files.writeString(values, valuesYaml);
                String yaml = new Helm(chartDir())
                        .template()
                        .withName(RELEASE)
                        .withNamespace(namespace)
                        .withKubeVersion(kubeVersion)
                        .withValuesFile(values)
                        .call();
                return new RenderedChart(parse(yaml));
            } finally {
                Files.deleteIfExists(values);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static List<HasMetadata> parse(String yaml) {
        List<HasMetadata> result = new ArrayList<>();
        for (String document : yaml.split("(?m)^---\\s*$")) {
            boolean onlyComments = document.lines().map(String::strip).allMatch(l -> l.isEmpty() || l.startsWith("#"));
            if (!onlyComments) {
                result.add(SERIALIZATION.unmarshal(document, HasMetadata.class));
            }
        }
        return result;
    }

    List<HasMetadata> all() {
        return objects;
    }

    <T extends HasMetadata> List<T> all(Class<T> type) {
        return objects.stream().filter(type::isInstance).map(type::cast).toList();
    }

    <T extends HasMetadata> T single(Class<T> type) {
        List<T> found = all(type);
        if (found.size() != 1) {
            throw new AssertionError("expected one " + type.getSimpleName() + ", rendered " + found.size());
        }
        return found.get(0);
    }
}
