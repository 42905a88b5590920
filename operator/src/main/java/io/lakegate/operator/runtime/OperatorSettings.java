package io.lakegate.operator.runtime;

import java.time.Duration;
import java.util.Arrays;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Operator process settings from environment variables (the Helm chart sets them).
 *
 * @param watchNamespaces   empty = all namespaces ({@code LAKEGATE_OPERATOR_NAMESPACES}, comma-separated)
 * @param leaderElection    {@code LAKEGATE_OPERATOR_LEADER_ELECTION} (default true), Lease name/namespace below
 * @param leaseNamespace    {@code LAKEGATE_OPERATOR_LEASE_NAMESPACE}; default: the pod's namespace (POD_NAMESPACE)
 * @param httpPort          metrics and health port ({@code LAKEGATE_OPERATOR_HTTP_PORT}, default 8080; 0 = any)
 * @param reconcileThreads  {@code LAKEGATE_OPERATOR_RECONCILE_THREADS} (default 10)
 * @param shutdownTimeout   graceful-stop budget for in-flight reconciles
 */
public record OperatorSettings(
        Set<String> watchNamespaces,
        boolean leaderElection,
        String leaseName,
        String leaseNamespace,
        String httpBindAddress,
        int httpPort,
        int reconcileThreads,
        Duration shutdownTimeout) {
    public static OperatorSettings fromEnvironment(Map<String, String> env) {
        Set<String> namespaces = Arrays.stream(
                        env.getOrDefault("LAKEGATE_OPERATOR_NAMESPACES", "").split(","))
                .map(String::trim)
                .filter(s -> !s.isEmpty())
                .collect(Collectors.toUnmodifiableSet());
        return new OperatorSettings(
                namespaces,
                Boolean.parseBoolean(env.getOrDefault("LAKEGATE_OPERATOR_LEADER_ELECTION", "true")),
                env.getOrDefault("LAKEGATE_OPERATOR_LEASE_NAME", "lakegate-operator-leader"),
                env.getOrDefault("LAKEGATE_OPERATOR_LEASE_NAMESPACE", env.get("POD_NAMESPACE")),
                env.getOrDefault("LAKEGATE_OPERATOR_HTTP_BIND", "0.0.0.0"),
                Integer.parseInt(env.getOrDefault("LAKEGATE_OPERATOR_HTTP_PORT", "8080")),
                Integer.parseInt(env.getOrDefault("LAKEGATE_OPERATOR_RECONCILE_THREADS", "10")),
                Duration.ofSeconds(Long.parseLong(env.getOrDefault("LAKEGATE_OPERATOR_SHUTDOWN_SECONDS", "20"))));
    }

    /** Settings for tests: no leader election, loopback on any free port. */
    public static OperatorSettings forTests(Set<String> namespaces) {
        return new OperatorSettings(
                namespaces, false, "lakegate-operator-leader", null, "127.0.0.1", 0, 10, Duration.ofSeconds(5));
    }
}
