package io.lakegate.bench;

import io.lakegate.bench.load.ClosedLoop;
import io.lakegate.bench.load.HandshakeProbe;
import io.lakegate.bench.load.InstantMcpStub;
import io.lakegate.bench.load.LoadLimits;
import io.lakegate.bench.load.McpUser;
import io.lakegate.bench.load.McpVirtualUser;
import io.lakegate.bench.load.Operation;
import io.lakegate.bench.load.PhaseResult;
import io.lakegate.bench.load.StatelessMcpVirtualUser;
import io.lakegate.bench.profile.JfrProfile;
import io.lakegate.bench.report.TargetReport;
import io.lakegate.bench.target.RssSampler;
import io.lakegate.bench.target.ServerProcess;
import io.lakegate.bench.workload.ToolDialect;
import io.lakegate.bench.workload.Workload;
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

    /**
     * One server under test and how it is driven.
     *
     * @param stateless      the MCP 2026-07-28 lane (no session, per-request {@code _meta}) instead of the handshake
     * @param concurrencies  the session counts measured; the largest also gives the peak RSS
     */
    record Target(
            String name,
            Supplier<ServerProcess> launcher,
            ToolDialect dialect,
            boolean stateless,
            List<Integer> concurrencies,
            boolean profile) {}

    TargetReport run(Target target, Path outDir) {
        String name = target.name();
        TargetReport report = new TargetReport(name);
        report.stateless = target.stateless();
        int maxSessions = target.concurrencies().stream()
                .mapToInt(Integer::intValue)
                .max()
                .orElse(1);
        // the SDK transport builds one JDK HttpClient per session; their callbacks share this bounded pool
        ExecutorService io = Executors.newFixedThreadPool(4, daemon("mcp-client-" + name));
        List<McpUser> sessions = new ArrayList<>();
        log.info(name + ": starting");
        try (ServerProcess server = target.launcher().get()) {
            report.startup = server.startup();
            report.idleRssBytes = server.rssBytes();
            log.info(name + ": ready in " + report.startup.toMillis() + " ms, RSS " + report.idleRssBytes / (1 << 20)
                    + " MiB");

            List<String> tools;
            McpUser first;
            if (target.stateless()) {
                warmStatelessClient(io);
                long t0 = System.nanoTime();
                first = open(target, server, io, true);
                report.firstInitialize = Duration.ofNanos(System.nanoTime() - t0);
                long t1 = System.nanoTime();
                tools = first.toolNames();
                report.firstToolsList = Duration.ofNanos(System.nanoTime() - t1);
            } else {
                HandshakeProbe.FirstAnswers answers = HandshakeProbe.run(server.baseUrl(), "/mcp", bearer, io);
                report.firstInitialize = answers.initialize();
                report.firstToolsList = answers.toolsList();
                first = open(target, server, io, false);
                tools = first.toolNames();
            }
            sessions.add(first);
            report.toolCount = tools.size();
            List<Operation> discovery = new ArrayList<>();
            for (Operation logical : workload.discovery()) {
                report.calls.put(logical.name(), target.dialect().describe(logical));
                target.dialect().translate(logical).ifPresent(op -> {
                    if (!tools.contains(op.tool())) {
                        throw new IllegalStateException(
                                name + " does not offer " + op.tool() + " (it offers " + tools.size() + " tools)");
                    }
                    discovery.add(op);
                });
            }
            checkAnswers(name, first, discovery);
            report.hidesSci = hidesSci(name, first, target.dialect());

            while (sessions.size() < maxSessions) {
                sessions.add(open(target, server, io, false));
            }
            warmUp(
                    server,
                    report,
                    sessions.subList(0, Math.min(settings.jitWarmupSessions(), sessions.size())),
                    discovery);
            report.warmToolsList = measured(server, Operation.listTools(), List.of(first), settings.limits());
            for (int concurrency : target.concurrencies()) {
                for (Operation op : discovery) {
                    List<McpUser> users = sessions.subList(0, concurrency);
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
            if (target.profile()) {
                Path jfr =
                        outDir.resolve(name.toLowerCase(java.util.Locale.ROOT).replaceAll("[^a-z0-9]+", "-") + ".jfr");
                Operation op = workload.listTables();
                log.info(name + ": profiling " + op.name() + " at " + maxSessions + " sessions with JFR");
                JfrProfile recording = JfrProfile.start(server.handle().pid(), jfr);
                ClosedLoop.measure(name, op, sessions, settings.profileLimits());
                report.profile = recording.stopAndSummarise(15);
                report.profileFile = jfr.getFileName().toString();
                // the same phase for tools/list and get_table: a list call's CPU is read against theirs, step by step
                for (Operation other : List.of(Operation.listTools(), workload.getTable())) {
                    String label = other.name().replace('/', '-');
                    log.info(name + ": profiling " + other.name() + " at " + maxSessions + " sessions with JFR");
                    JfrProfile more = JfrProfile.start(
                            server.handle().pid(),
                            jfr.resolveSibling(jfr.getFileName().toString().replace(".jfr", "-" + label + ".jfr")));
                    ClosedLoop.measure(name, other, sessions, settings.profileLimits());
                    report.moreProfiles.put(other.name(), more.stopAndSummarise(15));
                }
            }
        } finally {
            sessions.forEach(McpUser::close);
            io.shutdownNow();
        }
        return report;
    }

    /**
     * A new virtual user: an MCP session ({@code initialize}) in the handshake lane; in the 2026-07-28 lane a user
     * has no session, so the first one sends {@code server/discover}, the revision's first request of a client.
     */
    private McpUser open(Target target, ServerProcess server, ExecutorService io, boolean first) {
        if (!target.stateless()) {
            return McpVirtualUser.connect(server.baseUrl(), "/mcp", bearer, io);
        }
        StatelessMcpVirtualUser user = StatelessMcpVirtualUser.create(server.baseUrl(), "/mcp", bearer, io);
        if (first) {
            user.discover().block(Duration.ofSeconds(35));
        }
        return user;
    }

    /** The stateless client's own first-use costs, paid against a stub before a server's first answers are timed. */
    private static void warmStatelessClient(ExecutorService io) {
        try (InstantMcpStub stub = InstantMcpStub.start()) {
            for (int i = 0; i < 20; i++) {
                StatelessMcpVirtualUser user = StatelessMcpVirtualUser.create(stub.baseUrl(), "/mcp", "stub", io);
                user.discover().block(Duration.ofSeconds(10));
                user.toolNames();
            }
        }
    }

    /** Whether the listing of the schema holding the SCI table leaves that table out of the answer. */
    private Boolean hidesSci(String name, McpUser user, ToolDialect dialect) {
        return dialect.translate(workload.listTables())
                .map(op -> {
                    String answer = user.answerText(op);
                    boolean hides = !answer.contains(Workload.SCI_TABLE);
                    log.info(name + ": " + op.tool() + " " + (hides ? "hides" : "shows") + " the SCI table "
                            + Workload.SCI_TABLE);
                    return hides;
                })
                .orElse(null);
    }

    /** Rounds of mixed load until the JIT has settled (see {@link BenchSettings}); bounded by the settings' maximum. */
    private void warmUp(ServerProcess server, TargetReport report, List<McpUser> users, List<Operation> discovery) {
        List<Operation> all = new ArrayList<>();
        all.add(Operation.listTools());
        all.addAll(discovery);
        Duration slice = settings.jitWarmupRound().dividedBy(all.size());
        log.info(server.name() + ": warm-up, mixed load at " + users.size() + " sessions (discarded), at least "
                + settings.jitWarmup().toSeconds() + " s, until the JIT compilers use < "
                + Math.round(settings.jitQuietShare() * 100) + " % of a core, at most "
                + settings.jitWarmupMax().toSeconds() + " s");
        long started = System.nanoTime();
        double share;
        Duration elapsed;
        do {
            long round0 = System.nanoTime();
            long jit0 = server.jitCpuMillis();
            for (Operation op : all) {
                ClosedLoop.warmup(op, users, new LoadLimits(slice, 1_000_000, slice, 1));
            }
            share = (server.jitCpuMillis() - jit0) / ((System.nanoTime() - round0) / 1e6);
            elapsed = Duration.ofNanos(System.nanoTime() - started);
        } while ((elapsed.compareTo(settings.jitWarmup()) < 0 || share >= settings.jitQuietShare())
                && elapsed.compareTo(settings.jitWarmupMax()) < 0);
        report.jitWarmup = elapsed;
        report.jitShareAtWarmupEnd = share;
        log.info(server.name() + ": warmed up in " + elapsed.toSeconds() + " s, JIT compilers at "
                + String.format(java.util.Locale.ROOT, "%.1f", share * 100) + " % of a core in the last round");
    }

    private TargetReport.Measured measured(ServerProcess server, Operation op, List<McpUser> users, LoadLimits limits) {
        ClosedLoop.warmup(op, users, limits);
        long cpu0 = server.cpuMillis();
        long jit0 = server.jitCpuMillis();
        PhaseResult phase = ClosedLoop.measure(server.name(), op, users, limits);
        long cpu = server.cpuMillis() - cpu0;
        long jit = server.jitCpuMillis() - jit0;
        log.phase(phase);
        return new TargetReport.Measured(phase, cpu, jit);
    }

    /** A benchmark of error answers would be meaningless: every discovery call must succeed once before it is timed. */
    private void checkAnswers(String name, McpUser user, List<Operation> discovery) {
        for (Operation op : discovery) {
            try {
                user.call(op).block(Duration.ofSeconds(60));
            } catch (RuntimeException e) {
                throw new IllegalStateException(
                        name + " failed " + op.name() + " " + op.arguments() + ": " + e.getMessage(), e);
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
