package io.lakegate.operator.it;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.lakegate.operator.testing.Crds;

/** Installs the CRDs the build just generated (the same bytes as the committed crds/, see CrdDriftTest). */
final class LakegateCrds {
  private LakegateCrds() {}

  static void install(KubernetesClient client) {
    Crds.applyFromClasspath(client, "META-INF/fabric8/databricksworkspaces.lakegate.io-v1.yml");
    Crds.applyFromClasspath(client, "META-INF/fabric8/mcpconnectors.lakegate.io-v1.yml");
  }
}
