package io.lakegate.operator.testing;

import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * Installs CustomResourceDefinitions on the test apiserver with server-side apply (idempotent across test classes
 * sharing the server) and waits until each is {@code Established}, i.e. its REST endpoints serve requests.
 */
public final class Crds {

    private static final Duration ESTABLISHED_TIMEOUT = Duration.ofSeconds(30);

    private Crds() {}

    /** A CRD from the test classpath, e.g. {@code META-INF/fabric8/mcpconnectors.lakegate.io-v1.yml}. */
    public static CustomResourceDefinition applyFromClasspath(KubernetesClient client, String resource) {
        try (InputStream in = Thread.currentThread().getContextClassLoader().getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalArgumentException("no CRD " + resource + " on the test classpath");
            }
            return apply(
                    client,
                    client.apiextensions()
                            .v1()
                            .customResourceDefinitions()
                            .load(in)
                            .item());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A CRD file, e.g. one of the committed {@code crds/*.yaml}. */
    public static CustomResourceDefinition applyFromFile(KubernetesClient client, Path file) {
        try (InputStream in = Files.newInputStream(file)) {
            return apply(
                    client,
                    client.apiextensions()
                            .v1()
                            .customResourceDefinitions()
                            .load(in)
                            .item());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static CustomResourceDefinition apply(KubernetesClient client, CustomResourceDefinition crd) {
        crd.getMetadata().setResourceVersion(null);
        crd.getMetadata().setManagedFields(null);
        var crds = client.apiextensions().v1().customResourceDefinitions();
        crds.resource(crd).fieldManager("lakegate-test").forceConflicts().serverSideApply();
        return crds.withName(crd.getMetadata().getName())
                .waitUntilCondition(Crds::isEstablished, ESTABLISHED_TIMEOUT.toSeconds(), TimeUnit.SECONDS);
    }

    public static boolean isEstablished(CustomResourceDefinition crd) {
        // a CRD just created has no status conditions yet (null, not an empty list)
        return crd != null
                && crd.getStatus() != null
                && crd.getStatus().getConditions() != null
                && crd.getStatus().getConditions().stream()
                        .anyMatch(c -> "Established".equals(c.getType()) && "True".equals(c.getStatus()));
    }
}
