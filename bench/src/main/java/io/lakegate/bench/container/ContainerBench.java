package io.lakegate.bench.container;

import io.fabric8.kubernetes.api.model.Quantity;
import io.lakegate.bench.load.ClosedLoop;
import io.lakegate.bench.load.HandshakeProbe;
import io.lakegate.bench.load.LoadLimits;
import io.lakegate.bench.load.McpVirtualUser;
import io.lakegate.bench.load.Operation;
import io.lakegate.bench.load.PhaseResult;
import io.lakegate.bench.target.ProcStats;
import io.lakegate.bench.target.RssSampler;
import io.lakegate.bench.target.ServerProcess;
import io.lakegate.operator.connector.ConnectorJvm;
import io.lakegate.operator.connector.DeploymentRenderer;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Consumer;

/**
 * The connector as a pod runs it: the image the build produced, under podman with the operator's default limits
 * ({@link DeploymentRenderer#DEFAULT_RESOURCES}: 512Mi, 1 CPU) and the JVM flags the operator renders
 * ({@link ConnectorJvm}), the pod's read-only root and {@code /tmp} tmpfs. Measures startup to ready, the first
 * {@code initialize} after readiness, resident memory idle and under load, and whether the kernel OOM-killed it.
 */
public final class ContainerBench {

    /**
     * @param imageTar  connector/target/jib-image.tar
     * @param sessions  concurrent MCP sessions (64)
     * @param load      how long they run the discovery tools in closed loop (the soak is 10 minutes)
     */
    public record Settings(Path imageTar, int sessions, Duration load, Path workDir) {}

    /**
     * How long the pod rests before its idle memory is read: long enough for the JVM's native-heap trim (every 5 s,
     * {@link ConnectorJvm}) to have run once after startup's last allocations.
     */
    public static final Duration IDLE = Duration.ofSeconds(10);

    /** The soak of issue 18: 64 sessions for 10 minutes must end with the container alive, not OOM-killed. */
    static final Duration SOAK = Duration.ofMinutes(10);

    /**
     * The phase as bench/run runs it: 64 sessions for 30 s (10 s with --quick, 10 minutes with --soak); a failure is
     * reported in the section rather than losing the rest of the run.
     */
    public static String phase(
            Path imageTar,
            boolean soak,
            boolean quick,
            Path workDir,
            String emulatorUrl,
            String bearer,
            String secondBearer,
            List<Operation> discovery,
            Consumer<String> log) {
        Duration load = soak ? SOAK : quick ? Duration.ofSeconds(10) : Duration.ofSeconds(30);
        StringBuilder out = new StringBuilder();
        try {
            new ContainerBench(new Settings(imageTar, 64, load, workDir), log)
                    .run(emulatorUrl, bearer, secondBearer, discovery)
                    .appendMarkdown(out);
        } catch (RuntimeException e) {
            log.accept("container phase failed: " + e);
            out.append("The run failed: ").append(e.getMessage()).append('\n');
        }
        return out.toString();
    }

    private final Settings settings;
    private final Consumer<String> log;

    public ContainerBench(Settings settings, Consumer<String> log) {
        this.settings = settings;
        this.log = log;
    }

    /**
     * @param secondBearer another user's token: his first {@code initialize}, just after the first caller's, is what
     *                     the first one costs once the code on its path has run (a token check of his own included)
     */
    public ContainerReport run(String emulatorUrl, String bearer, String secondBearer, List<Operation> discovery) {
        Quantity memory = DeploymentRenderer.DEFAULT_RESOURCES.getLimits().get("memory");
        Quantity cpu = DeploymentRenderer.DEFAULT_RESOURCES.getLimits().get("cpu");
        long memoryBytes = Quantity.getAmountInBytes(memory).longValueExact();
        String cpus = Quantity.getAmountInBytes(cpu).stripTrailingZeros().toPlainString();
        String image = PodmanImage.load(settings.imageTar());
        String name = "lakegate-bench-" + ProcessHandle.current().pid();
        int port = ServerProcess.freePort();
        List<String> options = new ArrayList<>(List.of(
                "--memory=" + memoryBytes,
                "--memory-swap=" + memoryBytes,
                "--cpus=" + cpus,
                "--read-only",
                "--tmpfs",
                "/tmp:rw,size=256m,mode=1777",
                "--cap-drop=ALL",
                "--security-opt=no-new-privileges",
                "--env",
                "JAVA_TOOL_OPTIONS=" + ConnectorJvm.options(),
                "--env",
                "MALLOC_ARENA_MAX=" + ConnectorJvm.MALLOC_ARENA_MAX));
        String registry = "{\"workspaces\":[{\"name\":\"bench\",\"host\":\"" + emulatorUrl + "\",\"cloud\":\"azure\","
                + "\"identity\":{\"mode\":\"dev-token\"},\"sci\":{\"tagKey\":\"classification\",\"tagValues\":[\"SCI\"]}}]}";
        // the same settings as the fat-jar phase (Targets.connector): dev identity, limits that one user would hit off
        List<String> args = List.of(
                "--server.address=127.0.0.1",
                "--server.port=" + port,
                "--lakegate.auth.mode=dev-emulator-token",
                "--lakegate.ratelimit.enabled=false",
                "--lakegate.dedup.enabled=false",
                "--lakegate.downstream.bulkhead.max-concurrent-per-user=256",
                // ... and the fair share of a busy replica (16 in flight), which one user at 32+ sessions always holds
                "--lakegate.downstream.bulkhead.max-concurrent=0",
                "--lakegate.workspaces.json=" + registry);
        ContainerReport report = new ContainerReport();
        report.limits = memory + " memory, " + cpus + " CPU";
        report.jvmFlags = ConnectorJvm.options() + " (MALLOC_ARENA_MAX=" + ConnectorJvm.MALLOC_ARENA_MAX + ")";
        report.memoryLimitBytes = memoryBytes;
        report.sessions = settings.sessions();
        report.load = settings.load();
        ExecutorService io = Executors.newFixedThreadPool(4, r -> {
            Thread t = new Thread(r, "mcp-client-container");
            t.setDaemon(true);
            return t;
        });
        List<McpVirtualUser> users = new ArrayList<>();
        log.accept("container: podman run " + image + " with " + report.limits + ", JAVA_TOOL_OPTIONS="
                + ConnectorJvm.options());
        try (ServerProcess podman = ServerProcess.start(
                "connector-container",
                PodmanImage.runCommand(name, options, image, args),
                Map.of(),
                port,
                "/actuator/health/readiness",
                settings.workDir())) {
            report.startup = podman.startup();
            ProcessHandle jvm = ProcessHandle.of(PodmanImage.pid(name))
                    .orElseThrow(() -> new IllegalStateException("the container's JVM is gone"));
            report.readyRssBytes = ProcStats.rssBytes(jvm);
            report.firstInitialize =
                    HandshakeProbe.run(podman.baseUrl(), "/mcp", bearer, io).initialize();
            report.secondCallerInitialize = HandshakeProbe.run(podman.baseUrl(), "/mcp", secondBearer, io)
                    .initialize();
            rest();
            report.idleRssBytes = ProcStats.rssBytes(jvm);
            log.accept("container: ready in " + report.startup.toMillis() + " ms, RSS " + mib(report.readyRssBytes)
                    + " MiB, first initialize " + report.firstInitialize.toMillis() + " ms (a second caller's "
                    + report.secondCallerInitialize.toMillis() + " ms), RSS "
                    + mib(report.idleRssBytes) + " MiB after " + IDLE.toSeconds() + " s idle");
            while (users.size() < settings.sessions()) {
                users.add(McpVirtualUser.connect(podman.baseUrl(), "/mcp", bearer, io));
            }
            long cpu0 = ProcStats.cpuMillis(jvm);
            try (RssSampler rss = RssSampler.start(jvm)) {
                // the discovery tools in turn, each for an equal slice of the load time
                Duration slice = settings.load().dividedBy(discovery.size());
                for (Operation op : discovery) {
                    PhaseResult phase = ClosedLoop.measure(
                            "container", op, users, new LoadLimits(Duration.ZERO, 0, slice, 50_000_000));
                    report.phases.add(phase);
                    log.accept("container: " + op.name() + " x" + users.size() + ": " + phase.calls() + " calls, "
                            + phase.errors() + " errors, RSS peak so far " + mib(rss.peakBytes()) + " MiB");
                }
                report.peakRssBytes = rss.peakBytes();
            }
            report.cpuMillis = ProcStats.cpuMillis(jvm) - cpu0;
            report.state = PodmanImage.state(name);
        } catch (RuntimeException e) {
            report.state = stateOrGone(name);
            report.failure = e.getMessage();
            log.accept("container: failed: " + e.getMessage() + " (" + report.state + ")");
        } finally {
            users.forEach(McpVirtualUser::close);
            io.shutdownNow();
            PodmanImage.remove(name);
        }
        return report;
    }

    private static String stateOrGone(String name) {
        try {
            return PodmanImage.state(name);
        } catch (RuntimeException e) {
            return "unknown (" + e.getMessage() + ")";
        }
    }

    /** Sleeps {@link #IDLE}: what the phases that read idle memory wait first. */
    public static void rest() {
        try {
            Thread.sleep(IDLE.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while the server rested", e);
        }
    }

    static long mib(long bytes) {
        return bytes >> 20;
    }
}
