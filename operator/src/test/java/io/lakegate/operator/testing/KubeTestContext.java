package io.lakegate.operator.testing;

import io.fabric8.kubernetes.client.KubernetesClient;

/**
 * What {@link KubeApiTestExtension} hands a test: the shared apiserver, a client, and a namespace of the test's own.
 */
public record KubeTestContext(KubeApiTestServer server, String namespace) {

    public KubernetesClient client() {
        return server.client();
    }

    public ApiWriteLog writeLog() {
        return server.writeLog();
    }

    public FakeDeploymentController deployments() {
        return server.deploymentController();
    }
}
