package io.lakegate.bench;

import io.lakegate.bench.load.ClosedLoop;
import io.lakegate.bench.load.LoadLimits;
import io.lakegate.bench.load.McpVirtualUser;
import io.lakegate.bench.load.Operation;
import io.lakegate.bench.load.PhaseResult;
import io.lakegate.bench.profile.JfrProfile;
import io.lakegate.bench.report.TargetReport;
import io.lakegate.bench.target.RssSampler;
import io.lakegate.bench.target.ServerProcess;
import io.lakegate.bench.workload.Workload;
import io.modelcontextprotocol.spec.McpSchema;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Supplier;

/**
 * Every connector figure for one MCP server: startup to ready, the first {@code tools/list}, warm {@code tools/list},
 * the discovery tools at each concurrency (one MCP session per virtual user), memory under the largest load, and
 * optionally a JFR profile of the hot path.
 */
final class TargetBench {

    private final BenchSettings settings;
    private final Workload workload;
    private final String bearer;
    private final Log log;

    TargetBench(BenchSettings settings, Workload workload, String bearer, Log log) {
        this.settings = settings;
        this.workload = workload;
        this.bearer = bearer;
        this.log = log;
    }

    TargetReport run(String name, Supplier<ServerProcess> launcher, boolean profile, Path outDir) {
        TargetReport report = new TargetReport(name);
        int maxSessions = settings.concurrencies().stream().mapToInt(Integer::intValue).max().orElse(1);
        // the SDK transport builds one JDK HttpClient per session; their callbacks share this bounded pool
        ExecutorService io = Executors.newFixedThreadPool(4, daemon("mcp-client-" + name));
        List<McpVirtualUser> sessions = new ArrayList<>();
        log.info(name + ": starting");
        try (ServerProcess server = launcher.get()) {
            report.startup = server.startup();
            report.idleRssBytes = server.rssBytes();
            log.info(name + ": ready in " + report.startup.toMillis() + " ms, RSS " + report.idleRssBytes / (1 << 20) + " MiB");

            long t0 = System.nanoTime();
            McpVirtualUser first = McpVirtualUser.connect(server.baseUrl(), "/mcp", bearer, io);
            report.firstInitialize = Duration.ofNanos(System.nanoTime() - t0);
            sessions.add(first);
            long t1 = System.nanoTime();
            McpSchema.ListToolsResult tools = first.listTools();
            report.firstToolsList = Duration.ofNanos(System.nanoTime() - t1);
            report.toolCount = tools.tools().size();
            checkOffers(name, tools);
            checkAnswers(name, first);

            while (sessions.size() < maxSessions) {
                sessions.add(McpVirtualUser.connect(server.baseUrl(), "/mcp", bearer, io));
            }
            warmUp(name, sessions.subList(0, Math.min(settings.jitWarmupSessions(), sessions.size())));
            report.warmToolsList = measured(server, Operation.listTools(), List.of(first), settings.limits());
            for (int concurrency : settings.concurrencies()) {
                for (Operation op : workload.discovery()) {
                    List<McpVirtualUser> users = sessions.subList(0, concurrency);
                    if (concurrency == maxSessions) {
                        try (RssSampler rss = RssSampler.start(server.handle())) {
                            report.discovery.add(measured(server, op, users, settings.limits()));
                            report.peakRssUnder64Bytes = Math.max(report.peakRssUnder64Bytes, rss.peakBytes());
                        }
                    } else {
                        report.discovery.add(measured(server, op, users, settings.limits()));
                    }
                }
            }
            if (profile) {
                Path jfr = outDir.resolve(name.toLowerCase(java.util.Locale.ROOT).replaceAll("[^a-z0-9]+", "-") + ".jfr");
                Operation op = workload.listTables();
                log.info(name + ": profiling " + op.name() + " at " + maxSessions + " sessions with JFR");
                JfrProfile recording = JfrProfile.start(server.handle().pid(), jfr);
                ClosedLoop.measure(name, op, sessions, settings.profileLimits());
                report.profile = recording.stopAndSummarise(15);
                report.profileFile = jfr.getFileName().toString();
            }
        } finally {
            sessions.forEach(McpVirtualUser::close);
            io.shutdownNow();
        }
        return report;
    }

    private void warmUp(String name, List<McpVirtualUser> users) {
        List<Operation> all = new ArrayList<>();
        all.add(Operation.listTools());
        all.addAll(workload.discovery());
        java.time.Duration slice = settings.jitWarmup().dividedBy(all.size());
        log.info(name + ": warm-up, " + settings.jitWarmup().toSeconds() + " s of mixed load at " + users.size()
                + " sessions (discarded)");
        for (Operation op : all) {
            ClosedLoop.warmup(op, users, new LoadLimits(slice, 1_000_000, slice, 1));
        }
    }

    private TargetReport.Measured measured(ServerProcess server, Operation op, List<McpVirtualUser> users,
                                           LoadLimits limits) {
        ClosedLoop.warmup(op, users, limits);
        long cpu0 = server.cpuMillis();
        PhaseResult phase = ClosedLoop.measure(server.name(), op, users, limits);
        long cpu = server.cpuMillis() - cpu0;
        log.phase(phase);
        return new TargetReport.Measured(phase, cpu);
    }

    private void checkOffers(String name, McpSchema.ListToolsResult tools) {
        List<String> names = tools.tools().stream().map(McpSchema.Tool::name).toList();
        for (Operation op : workload.discovery()) {
            if (!names.contains(op.tool())) {
                throw new IllegalStateException(name + " does not offer " + op.tool() + " (it offers " + names + ")");
            }
        }
    }

    /** A benchmark of error answers would be meaningless: every discovery call must succeed once before it is timed. */
    private void checkAnswers(String name, McpVirtualUser user) {
        for (Operation op : workload.discovery()) {
            try {
                user.call(op).block(Duration.ofSeconds(60));
            } catch (RuntimeException e) {
                throw new IllegalStateException(name + " failed " + op.name() + " " + op.arguments() + ": "
                        + e.getMessage(), e);
            }
        }
    }

    static java.util.concurrent.ThreadFactory daemon(String prefix) {
        java.util.concurrent.atomic.AtomicInteger n = new java.util.concurrent.atomic.AtomicInteger();
        return r -> {
            Thread t = new Thread(r, prefix + "-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        };
    }
}
