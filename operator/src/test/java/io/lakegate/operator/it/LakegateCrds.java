package io.lakegate.operator.it;

import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.concurrent.TimeUnit;

/** Installs the CRDs the build just generated (the same bytes as the committed crds/, see CrdDriftTest). */
final class LakegateCrds {
    private LakegateCrds() {}

    static void install(KubernetesClient client) {
        apply(client, "META-INF/fabric8/databricksworkspaces.lakegate.io-v1.yml");
        apply(client, "META-INF/fabric8/mcpconnectors.lakegate.io-v1.yml");
    }

    private static void apply(KubernetesClient client, String resource) {
        CustomResourceDefinition crd;
        try (InputStream in = LakegateCrds.class.getClassLoader().getResourceAsStream(resource)) {
            crd = client.apiextensions()
                    .v1()
                    .customResourceDefinitions()
                    .load(in)
                    .item();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        var crds = client.apiextensions().v1().customResourceDefinitions();
        crds.resource(crd).fieldManager("lakegate-test").forceConflicts().serverSideApply();
        // a freshly created CRD has no status conditions yet: wait null-safely for Established
        crds.withName(crd.getMetadata().getName())
                .waitUntilCondition(
                        c -> c != null
                                && c.getStatus() != null
                                && c.getStatus().getConditions() != null
                                && c.getStatus().getConditions().stream()
                                        .anyMatch(
                                                x -> "Established".equals(x.getType()) && "True".equals(x.getStatus())),
                        30,
                        TimeUnit.SECONDS);
    }
}
