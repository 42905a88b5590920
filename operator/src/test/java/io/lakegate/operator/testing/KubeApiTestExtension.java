package io.lakegate.operator.testing;

import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import java.util.Locale;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * JUnit 5 extension: the JVM's shared {@link KubeApiTestServer} plus a fresh namespace per test, injected as a
 * {@link KubeTestContext} parameter (test methods, lifecycle methods or constructors).
 *
 * <pre>{@code
 * @ExtendWith(KubeApiTestExtension.class)
 * class MyTest {
 *   @Test void reconciles(KubeTestContext kube) { kube.client().configMaps().inNamespace(kube.namespace())... }
 * }
 * }</pre>
 *
 * A bare apiserver has no namespace controller, so a deleted namespace stays Terminating; names are unique per test
 * and nothing waits for the deletion.
 */
public final class KubeApiTestExtension implements BeforeEachCallback, AfterEachCallback, ParameterResolver {

    private static final ExtensionContext.Namespace STORE =
            ExtensionContext.Namespace.create(KubeApiTestExtension.class);
    private static final int MAX_NAMESPACE_LENGTH = 63;

    @Override
    public void beforeEach(ExtensionContext context) {
        KubeApiTestServer server = KubeApiTestServer.shared();
        String namespace = namespaceName(context.getRequiredTestMethod().getName());
        server.client()
                .namespaces()
                .resource(new NamespaceBuilder()
                        .withNewMetadata()
                        .withName(namespace)
                        .addToLabels(
                                "lakegate.io/test-class",
                                label(context.getRequiredTestClass().getSimpleName()))
                        .endMetadata()
                        .build())
                .create();
        context.getStore(STORE).put(KubeTestContext.class, new KubeTestContext(server, namespace));
    }

    @Override
    public void afterEach(ExtensionContext context) {
        KubeTestContext kube = context.getStore(STORE).remove(KubeTestContext.class, KubeTestContext.class);
        if (kube != null) {
            kube.deployments().forgetNamespace(kube.namespace());
            kube.client().namespaces().withName(kube.namespace()).delete();
        }
    }

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
        return parameter.getParameter().getType() == KubeTestContext.class;
    }

    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
        KubeTestContext kube = context.getStore(STORE).get(KubeTestContext.class, KubeTestContext.class);
        if (kube == null) {
            // asked for outside a test method (e.g. @BeforeAll): the server without a namespace
            return new KubeTestContext(KubeApiTestServer.shared(), "default");
        }
        return kube;
    }

    static String namespaceName(String testName) {
        String suffix = "-"
                + Integer.toString(ThreadLocalRandom.current().nextInt(36 * 36 * 36 * 36, 36 * 36 * 36 * 36 * 36), 36);
        String base = label(testName);
        if (base.length() > MAX_NAMESPACE_LENGTH - suffix.length()) {
            base = base.substring(0, MAX_NAMESPACE_LENGTH - suffix.length()).replaceAll("-+$", "");
        }
        return (base.isEmpty() ? "test" : base) + suffix;
    }

    /** camelCase and anything else to a DNS-1123 label. */
    private static String label(String text) {
        String dashed = text.replaceAll("([a-z0-9])([A-Z])", "$1-$2").toLowerCase(Locale.ROOT);
        String cleaned =
                dashed.replaceAll("[^a-z0-9-]+", "-").replaceAll("-{2,}", "-").replaceAll("^-+|-+$", "");
        return cleaned.length() > MAX_NAMESPACE_LENGTH
                ? cleaned.substring(0, MAX_NAMESPACE_LENGTH).replaceAll("-+$", "")
                : cleaned;
    }
}
