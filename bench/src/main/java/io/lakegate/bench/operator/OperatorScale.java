package io.lakegate.bench.operator;

import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.lakegate.bench.target.ServerProcess;
import io.lakegate.bench.target.Targets;
import io.lakegate.operator.api.McpConnector;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;
import java.util.stream.Stream;

/**
 * The operator at fleet scale: its fat jar as a process against a real kube-apiserver; {@code connectors}
 * McpConnectors over {@code workspaces} DatabricksWorkspaces are applied at once and timed until every Deployment
 * exists; then API writes are counted from the audit log while nothing changes, and across an operator restart, which
 * makes it reconcile every resource again (a full no-op resync).
 */
public final class OperatorScale {

    public record Settings(
            int connectors,
            int workspaces,
            Path kubeDir,
            String k8sVersion,
            Path operatorJar,
            Path crdsDir,
            Path workDir) {}

    static final String BENCH_USER_AGENT = "lakegate-bench";
    private static final Duration RENDER_TIMEOUT = Duration.ofMinutes(10);
    private static final Duration SETTLE_TIMEOUT = Duration.ofMinutes(5);
    private static final Duration QUIET = Duration.ofSeconds(5);
    private static final Duration IDLE_WINDOW = Duration.ofSeconds(30);

    private final Settings settings;
    private final Consumer<String> log;
    private final ChartJvm jvm;

    public OperatorScale(Settings settings, Consumer<String> log) {
        this.settings = settings;
        this.log = log;
        // the chart sits next to the CRDs in the checkout: helm/lakegate-operator beside crds/
        this.jvm = ChartJvm.of(settings.crdsDir().toAbsolutePath().getParent().resolve("helm/lakegate-operator"));
    }

    public OperatorScaleReport run() {
        if (!Files.isRegularFile(settings.operatorJar())) {
            throw new IllegalStateException("operator jar not found at " + settings.operatorJar());
        }
        log.accept("operator scale: starting kube-apiserver " + settings.k8sVersion());
        try (KubeApiServer kube = KubeApiServer.start(settings.kubeDir(), settings.k8sVersion(), settings.workDir())) {
            KubernetesClient client = kube.newClient(BENCH_USER_AGENT);
            installCrds(client);
            AuditWrites audit = new AuditWrites(kube.auditLog());
            FleetFixture fleet = new FleetFixture(settings.connectors(), settings.workspaces());
            fleet.createNamespaces(client);
            try (DeploymentStatusFaker deployments =
                    new DeploymentStatusFaker(kube.newClient(DeploymentStatusFaker.USER_AGENT))) {
                deployments.start();
                ServerProcess operator = startOperator(kube, "operator");
                try {
                    log.accept("operator scale: operator ready in "
                            + operator.startup().toMillis() + " ms; applying " + settings.connectors()
                            + " McpConnectors over " + settings.workspaces() + " workspaces");
                    long t0 = System.nanoTime();
                    fleet.apply(client);
                    Duration applied = Duration.ofNanos(System.nanoTime() - t0);
                    await(
                            "every Deployment rendered",
                            RENDER_TIMEOUT,
                            () -> deployments.renderedByConnectors() >= settings.connectors());
                    Duration rendered = Duration.ofNanos(System.nanoTime() - t0);
                    log.accept("operator scale: applied in " + applied.toMillis() + " ms, all Deployments after "
                            + rendered.toMillis() + " ms");
                    await(
                            "every McpConnector Ready",
                            SETTLE_TIMEOUT,
                            () -> readyConnectors(client) >= settings.connectors());
                    awaitQuiet(audit);
                    long rss = operator.rssBytes();

                    long idleFrom = audit.end();
                    sleep(IDLE_WINDOW);
                    List<AuditWrites.Write> idleWrites = audit.since(idleFrom, OperatorScale::byOperator);
                    log.accept("operator scale: " + idleWrites.size() + " operator writes in " + IDLE_WINDOW.toSeconds()
                            + " s idle");

                    operator.close();
                    long resyncFrom = audit.end();
                    operator = startOperator(kube, "operator-restarted");
                    Duration resync = awaitResync(operator);
                    List<AuditWrites.Write> resyncWrites = audit.since(resyncFrom, OperatorScale::byOperator);
                    String reconciles = reconciliations(operator).entrySet().stream()
                            .map(e -> e.getValue() + " " + e.getKey())
                            .collect(java.util.stream.Collectors.joining(", "));
                    log.accept("operator scale: restart resync took " + resync.toMillis() + " ms, "
                            + resyncWrites.size() + " writes; " + reconciles);
                    return new OperatorScaleReport(
                            settings.connectors(),
                            settings.workspaces(),
                            applied,
                            rendered,
                            IDLE_WINDOW,
                            idleWrites.size(),
                            resync,
                            resyncWrites.size(),
                            resyncWrites.stream().limit(5).map(Object::toString).toList(),
                            reconciles,
                            rss,
                            jvm.description());
                } finally {
                    operator.close();
                }
            }
        }
    }

    /** Writes not made by the benchmark itself, the status faker or the apiserver's own bookkeeping. */
    static boolean byOperator(AuditWrites.Write w) {
        return !w.userAgent().startsWith(BENCH_USER_AGENT) && !w.userAgent().startsWith("kube-apiserver");
    }

    private ServerProcess startOperator(KubeApiServer kube, String name) {
        int port = ServerProcess.freePort();
        List<String> command = new java.util.ArrayList<>(List.of(Targets.javaExecutable()));
        command.addAll(jvm.flags());
        command.addAll(List.of("-jar", settings.operatorJar().toString()));
        return ServerProcess.start(name, command, env(kube, port), port, "/healthz/ready", settings.workDir());
    }

    private Map<String, String> env(KubeApiServer kube, int port) {
        Map<String, String> env = new java.util.HashMap<>(jvm.env());
        env.putAll(Map.of(
                "KUBECONFIG",
                kube.kubeconfig().toString(),
                "LAKEGATE_OPERATOR_LEADER_ELECTION",
                "false",
                "LAKEGATE_OPERATOR_HTTP_BIND",
                "127.0.0.1",
                "LAKEGATE_OPERATOR_HTTP_PORT",
                Integer.toString(port)));
        return env;
    }

    private void installCrds(KubernetesClient client) {
        List<Path> files;
        try (Stream<Path> list = Files.list(settings.crdsDir())) {
            files = list.filter(
                            p -> p.toString().endsWith(".yml") || p.toString().endsWith(".yaml"))
                    .sorted()
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + settings.crdsDir(), e);
        }
        if (files.isEmpty()) {
            throw new IllegalStateException("no CRDs in " + settings.crdsDir());
        }
        for (Path file : files) {
            try (InputStream in = Files.newInputStream(file)) {
                CustomResourceDefinition crd = client.apiextensions()
                        .v1()
                        .customResourceDefinitions()
                        .load(in)
                        .item();
                client.resource(crd).create();
                client.apiextensions()
                        .v1()
                        .customResourceDefinitions()
                        .withName(crd.getMetadata().getName())
                        .waitUntilCondition(
                                // a freshly created CRD can have a status before it has conditions
                                c -> c.getStatus() != null
                                        && c.getStatus().getConditions() != null
                                        && c.getStatus().getConditions().stream()
                                                .anyMatch(x -> "Established".equals(x.getType())
                                                        && "True".equals(x.getStatus())),
                                60,
                                TimeUnit.SECONDS);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    private static long readyConnectors(KubernetesClient client) {
        return client.resources(McpConnector.class).inAnyNamespace().list().getItems().stream()
                .filter(c -> c.getStatus() != null
                        && c.getStatus().getConditions() != null
                        && c.getStatus().getConditions().stream()
                                .anyMatch(x -> "Ready".equals(x.getType()) && "True".equals(x.getStatus())))
                .count();
    }

    /** Waits until the operator has written nothing for {@link #QUIET}. */
    private static void awaitQuiet(AuditWrites audit) {
        long deadline = System.nanoTime() + SETTLE_TIMEOUT.toNanos();
        long from = audit.end();
        long quietSince = System.nanoTime();
        while (System.nanoTime() < deadline) {
            sleep(Duration.ofMillis(500));
            long end = audit.end();
            if (!audit.since(from, OperatorScale::byOperator).isEmpty()) {
                quietSince = System.nanoTime();
            }
            from = end;
            if (System.nanoTime() - quietSince >= QUIET.toNanos()) {
                return;
            }
        }
        throw new IllegalStateException("the operator kept writing for " + SETTLE_TIMEOUT);
    }

    /**
     * After a restart the operator reconciles every resource again. Done = JOSDK counts a successful reconciliation of
     * every McpConnector and DatabricksWorkspace, and then its CPU falls to idle (under 2 % of a core for three seconds
     * in a row, so trailing work is inside the window). Returns process start to the last successful reconciliation
     * observed (polled every 250 ms).
     */
    private Duration awaitResync(ServerProcess operator) {
        long start = System.nanoTime() - operator.startup().toNanos();
        await("every resource reconciled after the restart", SETTLE_TIMEOUT, () -> {
            Map<String, Long> done = reconciliations(operator);
            return done.getOrDefault("McpConnector", 0L) >= settings.connectors()
                    && done.getOrDefault("DatabricksWorkspace", 0L) >= settings.workspaces();
        });
        Duration resync = Duration.ofNanos(System.nanoTime() - start);
        long deadline = System.nanoTime() + SETTLE_TIMEOUT.toNanos();
        long last = operator.cpuMillis();
        int idleSeconds = 0;
        while (idleSeconds < 3) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("the restarted operator did not go idle within " + SETTLE_TIMEOUT);
            }
            sleep(Duration.ofSeconds(1));
            long now = operator.cpuMillis();
            idleSeconds = now - last < 20 ? idleSeconds + 1 : 0;
            last = now;
        }
        return resync;
    }

    /** Successful reconciliations per kind, from JOSDK's counters on the operator's Prometheus endpoint. */
    static Map<String, Long> reconciliations(ServerProcess operator) {
        Map<String, Long> byKind = new java.util.TreeMap<>();
        try {
            HttpResponse<String> r = HttpClient.newHttpClient()
                    .send(
                            HttpRequest.newBuilder(URI.create(operator.baseUrl() + "/metrics"))
                                    .timeout(Duration.ofSeconds(10))
                                    .build(),
                            HttpResponse.BodyHandlers.ofString());
            r.body()
                    .lines()
                    .filter(l -> l.startsWith("operator_sdk_reconciliations_success_total{"))
                    .forEach(l -> {
                        java.util.regex.Matcher kind = java.util.regex.Pattern.compile("kind=\"([^\"]+)\"")
                                .matcher(l);
                        if (kind.find()) {
                            double value = Double.parseDouble(l.substring(l.lastIndexOf(' ') + 1));
                            byKind.merge(kind.group(1), (long) value, Long::sum);
                        }
                    });
        } catch (IOException | RuntimeException e) {
            // not up yet, or not exposing the counter: the caller keeps waiting within its time bound
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return byKind;
    }

    private static void await(String what, Duration timeout, BooleanSupplier done) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!done.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("timed out after " + timeout + " waiting for " + what);
            }
            sleep(Duration.ofMillis(250));
        }
    }

    private static void sleep(Duration d) {
        try {
            Thread.sleep(d.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }
}
