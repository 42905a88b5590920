package io.lakegate.e2e.helm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.marcnuri.helm.Helm;
import com.marcnuri.helm.LintResult;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerPort;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServiceAccount;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.rbac.ClusterRole;
import io.fabric8.kubernetes.api.model.rbac.ClusterRoleBinding;
import io.fabric8.kubernetes.api.model.rbac.Role;
import io.fabric8.kubernetes.api.model.rbac.RoleBinding;
import io.fabric8.kubernetes.api.model.rbac.Subject;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** The operator chart, rendered by Helm v3 in-process (helm-java) and checked object by object. */
class HelmChartTest {

    @Test
    void lintStrictIsClean() {
        LintResult result = new Helm(RenderedChart.chartDir()).lint().strict().call();

        assertThat(result.getMessages())
                .filteredOn(m -> m.contains("[WARNING]") || m.contains("[ERROR]"))
                .isEmpty();
        assertThat(result.isFailed())
                .as("lint failed: %s", result.getMessages())
                .isFalse();
    }

    @Test
    void defaultInstallRunsOneHardenedOperatorWithProbesOnItsHttpPort() {
        RenderedChart chart = RenderedChart.render("");
        Deployment deployment = chart.single(Deployment.class);
        PodSpec pod = deployment.getSpec().getTemplate().getSpec();
        Container operator = pod.getContainers().get(0);

        assertThat(deployment.getMetadata().getNamespace()).isEqualTo(RenderedChart.NAMESPACE);
        assertThat(deployment.getSpec().getReplicas()).isEqualTo(1);
        assertThat(deployment.getSpec().getStrategy().getType())
                .as("without leader election old and new pod must not overlap")
                .isEqualTo("Recreate");
        assertThat(operator.getImage()).isEqualTo("lakegate/operator:0.1.0-SNAPSHOT");

        assertThat(pod.getSecurityContext().getRunAsNonRoot()).isTrue();
        assertThat(pod.getSecurityContext().getRunAsUser()).isPositive();
        assertThat(pod.getSecurityContext().getSeccompProfile().getType()).isEqualTo("RuntimeDefault");
        var container = operator.getSecurityContext();
        assertThat(container.getRunAsNonRoot()).isTrue();
        assertThat(container.getReadOnlyRootFilesystem()).isTrue();
        assertThat(container.getAllowPrivilegeEscalation()).isFalse();
        assertThat(container.getPrivileged()).isNotEqualTo(Boolean.TRUE);
        assertThat(container.getCapabilities().getDrop()).containsExactly("ALL");
        assertThat(container.getCapabilities().getAdd()).isEmpty();
        assertThat(container.getSeccompProfile().getType()).isEqualTo("RuntimeDefault");
        assertThat(operator.getVolumeMounts())
                .anySatisfy(m -> assertThat(m.getMountPath()).isEqualTo("/tmp"));
        assertThat(pod.getVolumes()).anySatisfy(v -> assertThat(v.getEmptyDir()).isNotNull());

        ContainerPort http = operator.getPorts().stream()
                .filter(p -> "http".equals(p.getName()))
                .findFirst()
                .orElseThrow();
        assertThat(http.getContainerPort()).isEqualTo(8080);
        assertThat(operator.getLivenessProbe().getHttpGet().getPath()).isEqualTo("/healthz/live");
        assertThat(operator.getLivenessProbe().getHttpGet().getPort().getStrVal())
                .isEqualTo("http");
        assertThat(operator.getReadinessProbe().getHttpGet().getPath()).isEqualTo("/healthz/ready");
        assertThat(operator.getReadinessProbe().getHttpGet().getPort().getStrVal())
                .isEqualTo("http");
        assertThat(operator.getResources().getLimits()).containsKey("memory");

        Map<String, EnvVar> env = env(operator);
        assertThat(env.get("LAKEGATE_OPERATOR_NAMESPACES").getValue()).isEmpty();
        assertThat(env.get("LAKEGATE_OPERATOR_LEADER_ELECTION").getValue())
                .as("the operator defaults to leader election on; the chart says off for one replica")
                .isEqualTo("false");
        assertThat(env).doesNotContainKey("LAKEGATE_OPERATOR_LEASE_NAME");
        assertThat(env.get("POD_NAMESPACE").getValueFrom().getFieldRef().getFieldPath())
                .isEqualTo("metadata.namespace");
        assertThat(env.get("LAKEGATE_OPERATOR_HTTP_PORT").getValue()).isEqualTo("8080");
        assertThat(env.get("LAKEGATE_OPERATOR_RECONCILE_THREADS").getValue()).isEqualTo("10");
        assertThat(env.get("LAKEGATE_OPERATOR_SHUTDOWN_SECONDS").getValue()).isEqualTo("20");
        assertThat(pod.getTerminationGracePeriodSeconds()).isEqualTo(30L);
        assertThat(env.get("JAVA_TOOL_OPTIONS").getValue())
                .isEqualTo("-Dorg.slf4j.simpleLogger.defaultLogLevel=info "
                        + "-XX:MaxRAMPercentage=25 -Xss512k -Dio.netty.allocator.numDirectArenas=1"
                        + " -Dio.netty.allocator.numHeapArenas=1 -XX:+UseSerialGC -XX:TieredStopAtLevel=1"
                        + " -XX:+ExitOnOutOfMemoryError -XX:TrimNativeHeapInterval=5000");
        assertThat(env.get("MALLOC_ARENA_MAX").getValue()).isEqualTo("2");
        assertThat(pod.getContainers()
                        .get(0)
                        .getResources()
                        .getLimits()
                        .get("memory")
                        .toString())
                .as("the heap share in jvmOptions is a share of this limit")
                .isEqualTo("512Mi");

        ServiceAccount serviceAccount = chart.single(ServiceAccount.class);
        assertThat(pod.getServiceAccountName())
                .isEqualTo(serviceAccount.getMetadata().getName());
        Service metrics = chart.single(Service.class);
        assertThat(metrics.getSpec().getPorts().get(0).getTargetPort().getStrVal())
                .isEqualTo("http");
        assertThat(metrics.getSpec().getSelector())
                .isEqualTo(deployment.getSpec().getSelector().getMatchLabels());
    }

    @Test
    void clusterRoleGrantsExactlyWhatTheOperatorDoes() {
        RenderedChart chart = RenderedChart.render("");

        ClusterRole role = chart.single(ClusterRole.class);
        assertThat(OperatorRbacRules.grants(role.getRules())).isEqualTo(OperatorRbacRules.perNamespace());
        assertThat(role.getRules()).allSatisfy(rule -> {
            assertThat(rule.getVerbs()).doesNotContain("*");
            assertThat(rule.getResources()).doesNotContain("*");
            assertThat(rule.getApiGroups()).doesNotContain("*");
        });

        ClusterRoleBinding binding = chart.single(ClusterRoleBinding.class);
        assertThat(binding.getRoleRef().getName()).isEqualTo(role.getMetadata().getName());
        assertThat(binding.getSubjects())
                .extracting(Subject::getKind, Subject::getName, Subject::getNamespace)
                .containsExactly(org.assertj.core.groups.Tuple.tuple(
                        "ServiceAccount",
                        chart.single(ServiceAccount.class).getMetadata().getName(),
                        RenderedChart.NAMESPACE));
        assertThat(chart.all(Role.class))
                .as("no leader election with one replica")
                .isEmpty();
    }

    @Test
    void watchNamespacesGrantAccessInThoseNamespacesOnly() {
        RenderedChart chart = RenderedChart.render("watchNamespaces: [team-a, team-b]");

        assertThat(chart.all(ClusterRole.class)).isEmpty();
        assertThat(chart.all(ClusterRoleBinding.class)).isEmpty();
        List<Role> roles = chart.all(Role.class);
        assertThat(roles).extracting(r -> r.getMetadata().getNamespace()).containsExactlyInAnyOrder("team-a", "team-b");
        assertThat(roles)
                .allSatisfy(role -> assertThat(OperatorRbacRules.grants(role.getRules()))
                        .isEqualTo(OperatorRbacRules.perNamespace()));
        List<RoleBinding> bindings = chart.all(RoleBinding.class);
        assertThat(bindings)
                .extracting(b -> b.getMetadata().getNamespace())
                .containsExactlyInAnyOrder("team-a", "team-b");
        assertThat(bindings).allSatisfy(binding -> {
            assertThat(binding.getRoleRef().getKind()).isEqualTo("Role");
            assertThat(binding.getSubjects()).singleElement().satisfies(s -> {
                assertThat(s.getKind()).isEqualTo("ServiceAccount");
                assertThat(s.getNamespace()).isEqualTo(RenderedChart.NAMESPACE);
            });
        });
        Container operator = chart.single(Deployment.class)
                .getSpec()
                .getTemplate()
                .getSpec()
                .getContainers()
                .get(0);
        assertThat(env(operator).get("LAKEGATE_OPERATOR_NAMESPACES").getValue()).isEqualTo("team-a,team-b");
    }

    @Test
    void moreThanOneReplicaTurnsLeaderElectionOnWithALeaseRoleInTheReleaseNamespace() {
        RenderedChart chart = RenderedChart.render("replicas: 2");

        Deployment deployment = chart.single(Deployment.class);
        assertThat(deployment.getSpec().getReplicas()).isEqualTo(2);
        assertThat(deployment.getSpec().getStrategy().getType()).isEqualTo("RollingUpdate");
        Map<String, EnvVar> env =
                env(deployment.getSpec().getTemplate().getSpec().getContainers().get(0));
        assertThat(env.get("LAKEGATE_OPERATOR_LEADER_ELECTION").getValue()).isEqualTo("true");
        assertThat(env.get("LAKEGATE_OPERATOR_LEASE_NAME").getValue()).isEqualTo("lakegate-operator-leader");

        Role leases = chart.single(Role.class);
        assertThat(leases.getMetadata().getNamespace()).isEqualTo(RenderedChart.NAMESPACE);
        assertThat(OperatorRbacRules.grants(leases.getRules())).isEqualTo(OperatorRbacRules.leaderElection());
        RoleBinding binding = chart.single(RoleBinding.class);
        assertThat(binding.getRoleRef().getName())
                .isEqualTo(leases.getMetadata().getName());
        assertThat(chart.single(ClusterRole.class)).isNotNull();
    }

    @Test
    void leaderElectionCanBeForcedOnForASingleReplica() {
        RenderedChart chart = RenderedChart.render("leaderElection: {enabled: true, leaseName: lg}");

        Container operator = chart.single(Deployment.class)
                .getSpec()
                .getTemplate()
                .getSpec()
                .getContainers()
                .get(0);
        assertThat(env(operator).get("LAKEGATE_OPERATOR_LEASE_NAME").getValue()).isEqualTo("lg");
        assertThat(chart.single(Role.class).getMetadata().getName()).endsWith("-leader-election");
    }

    @Test
    void rbacAndServiceAccountCanBeLeftToTheClusterAdmin() {
        RenderedChart chart =
                RenderedChart.render("rbac: {create: false}\nserviceAccount: {create: false, name: platform-operator}");

        assertThat(chart.all()).extracting(HasMetadata::getKind).containsExactlyInAnyOrder("Deployment", "Service");
        assertThat(chart.single(Deployment.class)
                        .getSpec()
                        .getTemplate()
                        .getSpec()
                        .getServiceAccountName())
                .isEqualTo("platform-operator");
    }

    @Test
    void logLevelJvmOptionsAndExtraEnvReachTheContainer() {
        RenderedChart chart = RenderedChart.render(
                "logLevel: debug\njvmOptions: -XX:MaxRAMPercentage=60\nextraEnv: [{name: HTTPS_PROXY, value: 'http://proxy:3128'}]");

        Map<String, EnvVar> env = env(chart.single(Deployment.class)
                .getSpec()
                .getTemplate()
                .getSpec()
                .getContainers()
                .get(0));
        assertThat(env.get("JAVA_TOOL_OPTIONS").getValue())
                .isEqualTo("-Dorg.slf4j.simpleLogger.defaultLogLevel=debug -XX:MaxRAMPercentage=60");
        assertThat(env.get("HTTPS_PROXY").getValue()).isEqualTo("http://proxy:3128");
    }

    @Test
    void notesGiveTheNextStepsAndTheCrdUpgradeCommand() throws IOException {
        Path values = Files.createTempFile("lakegate-chart-values", ".yaml");
        try {
            Files.writeString(values, "replicas: 2\nwatchNamespaces: [team-a, team-b]");
            String output = new Helm(RenderedChart.chartDir())
                    .install()
                    .clientOnly()
                    .dryRun()
                    .withName(RenderedChart.RELEASE)
                    .withNamespace(RenderedChart.NAMESPACE)
                    .withKubeVersion(RenderedChart.kubeVersion())
                    .withValuesFile(values)
                    .call()
                    .getOutput();

            assertThat(output)
                    .contains(
                            "reconciles McpConnector and DatabricksWorkspace resources in: team-a, team-b",
                            "Leader election is on (2 replicas, Lease lakegate-system/lakegate-operator-leader)",
                            "kubectl -n lakegate-system rollout status deployment/lakegate-operator",
                            "kubectl apply --server-side --force-conflicts -f lakegate-operator/crds/");
        } finally {
            Files.deleteIfExists(values);
        }
    }

    @Test
    void imageDigestWinsOverTag() {
        String digest = "sha256:" + "a".repeat(64);
        RenderedChart chart = RenderedChart.render("image: {tag: 9.9.9, digest: '" + digest + "'}");

        assertThat(chart.single(Deployment.class)
                        .getSpec()
                        .getTemplate()
                        .getSpec()
                        .getContainers()
                        .get(0)
                        .getImage())
                .isEqualTo("lakegate/operator@" + digest);
    }

    static Stream<Arguments> badValues() {
        return Stream.of(
                Arguments.of("replicas: -1", "/replicas"),
                Arguments.of("replicas: two", "/replicas"),
                Arguments.of("replica: 2", "replica"),
                Arguments.of("watchNamespaces: [Team_A]", "/watchNamespaces/0"),
                Arguments.of("watchNamespaces: [a, a]", "/watchNamespaces"),
                Arguments.of("watchNamespaces: team-a", "/watchNamespaces"),
                Arguments.of("logLevel: verbose", "/logLevel"),
                Arguments.of("httpPort: 80", "/httpPort"),
                Arguments.of("image: {digest: 'sha256:xyz'}", "/image/digest"),
                Arguments.of("image: {pullPolicy: Sometimes}", "/image/pullPolicy"),
                Arguments.of(
                        "containerSecurityContext: {readOnlyRootFilesystem: false}",
                        "/containerSecurityContext/readOnlyRootFilesystem"),
                Arguments.of(
                        "containerSecurityContext: {allowPrivilegeEscalation: true}",
                        "/containerSecurityContext/allowPrivilegeEscalation"),
                Arguments.of("containerSecurityContext: {privileged: true}", "/containerSecurityContext/privileged"),
                Arguments.of(
                        "containerSecurityContext: {capabilities: {drop: [ALL], add: [NET_ADMIN]}}",
                        "/containerSecurityContext/capabilities/add"),
                Arguments.of(
                        "containerSecurityContext: {capabilities: {drop: [NET_RAW]}}",
                        "/containerSecurityContext/capabilities/drop"),
                Arguments.of("podSecurityContext: {runAsNonRoot: false}", "/podSecurityContext/runAsNonRoot"),
                Arguments.of(
                        "podSecurityContext: {seccompProfile: {type: Unconfined}}",
                        "/podSecurityContext/seccompProfile/type"),
                Arguments.of("extraEnv: [{name: LAKEGATE_OPERATOR_NAMESPACES, value: x}]", "/extraEnv/0/name"),
                Arguments.of("extraEnv: [{name: JAVA_TOOL_OPTIONS, value: -Xmx1g}]", "/extraEnv/0/name"),
                Arguments.of("extraEnv: [{name: MALLOC_ARENA_MAX, value: '8'}]", "/extraEnv/0/name"),
                Arguments.of("mallocArenaMax: 0", "/mallocArenaMax"),
                Arguments.of("shutdownSeconds: 0", "/shutdownSeconds"),
                Arguments.of("reconcileThreads: 0", "/reconcileThreads"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("badValues")
    void schemaRejectsBadValues(String valuesYaml, String reportedAt) {
        assertThatThrownBy(() -> RenderedChart.render(valuesYaml))
                .hasMessageContaining("values don't meet the specifications of the schema")
                .hasMessageContaining(reportedAt);
    }

    @Test
    void refusesKubernetesOlderThanTheSupportedFloor() {
        assertThatThrownBy(() -> RenderedChart.render("", "1.29.9"))
                .hasMessageContaining("chart requires kubeVersion: >=1.30.0-0");
    }

    @Test
    void chartCrdsAreTheGeneratedOnes() throws IOException {
        Path generated = RenderedChart.chartDir().resolve("../../crds").normalize();
        Path inChart = RenderedChart.chartDir().resolve("crds");

        assertThat(fileNames(inChart)).isEqualTo(fileNames(generated)).isNotEmpty();
        for (String name : fileNames(generated)) {
            assertThat(Files.readString(inChart.resolve(name)))
                    .as(
                            "helm/lakegate-operator/crds/%s differs from crds/%s: cp crds/*.yml helm/lakegate-operator/crds/",
                            name, name)
                    .isEqualTo(Files.readString(generated.resolve(name)));
        }
    }

    @Test
    void templatesNeverRenderTheCrds() {
        assertThat(RenderedChart.render("").all())
                .extracting(HasMetadata::getKind)
                .doesNotContain("CustomResourceDefinition");
    }

    private static List<String> fileNames(Path dir) throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            return files.map(p -> p.getFileName().toString())
                    .filter(n -> n.endsWith(".yml") || n.endsWith(".yaml"))
                    .sorted()
                    .toList();
        }
    }

    private static Map<String, EnvVar> env(Container container) {
        return container.getEnv().stream().collect(Collectors.toMap(EnvVar::getName, e -> e, (a, b) -> {
            throw new AssertionError("duplicate env " + a.getName());
        }));
    }
}
