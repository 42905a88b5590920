package io.lakegate.bench.report;

import io.lakegate.bench.load.PhaseResult;
import io.lakegate.bench.operator.OperatorScaleReport;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.BiFunction;
import java.util.function.ToDoubleFunction;

/** Renders a run as the Markdown tables published in docs/benchmarks.md. */
public final class MarkdownReport {

    /**
     * Everything a run produced. {@code targets} starts with Lakegate over the handshake (the reference of every
     * ratio), then Lakegate over 2026-07-28, then the peers; the operator part is absent when it was not run.
     */
    public record Run(
            String started,
            String command,
            Environment environment,
            String endLoadAverage,
            String workload,
            List<PhaseResult> direct,
            List<TargetReport> targets,
            Optional<OperatorScaleReport> operator,
            String operatorSkipReason,
            List<String> notes) {}

    /** Lakegate's throughput at least this many times every peer's at 8 sessions and more (issue 18). */
    static final double PEER_THROUGHPUT_TARGET = 5.0;

    static final double TOOLS_LIST_P99_TARGET_MS = 2.0;
    static final double OVERHEAD_P50_AT_1_TARGET_MS = 0.3;
    static final double OVERHEAD_P50_AT_64_TARGET_MS = 5.0;

    private final StringBuilder out = new StringBuilder();

    public static String render(Run run) {
        return new MarkdownReport().write(run);
    }

    private String write(Run run) {
        Environment env = run.environment();
        line("Run of " + run.started() + " UTC: `" + run.command() + "`.");
        line("");
        line("- Machine: " + env.cores() + " cores (" + env.cpu() + "), " + env.memory() + ", " + env.jdk() + ", "
                + env.os() + ".");
        line("- Load average (1/5/15 min) at start " + env.loadAtStart() + ", at end " + run.endLoadAverage()
                + " (other work on the machine competes for the same cores: compare ratios within this run, not "
                + "absolute figures across runs).");
        line("- Workload: " + run.workload() + ". Closed loop, one MCP session (or, in the 2026-07-28 lane, one "
                + "sessionless client) per virtual user, warm-up discarded.");
        run.notes().forEach(n -> line("- " + n));
        line("");

        List<TargetReport> targets = run.targets();
        TargetReport l = targets.get(0);
        List<TargetReport> peers =
                targets.stream().filter(t -> !t.name.startsWith(l.name)).toList();
        List<String> ops =
                l.discovery.stream().map(m -> m.phase().operation()).distinct().toList();
        List<Integer> levels = l.discovery.stream()
                .map(m -> m.phase().concurrency())
                .distinct()
                .toList();

        line("#### Servers, the call each makes for the workload, and SCI");
        line("");
        StringBuilder head = new StringBuilder("| Server | tools offered |");
        StringBuilder rule = new StringBuilder("|---|---:|");
        for (String op : ops) {
            head.append(" ").append(op).append(" |");
            rule.append("---|");
        }
        line(head + " hides the SCI table `" + io.lakegate.bench.workload.Workload.SCI_TABLE + "` |");
        line(rule + "---|");
        for (TargetReport t : targets) {
            StringBuilder row = new StringBuilder("| " + t.name + " | " + t.toolCount + " |");
            for (String op : ops) {
                row.append(" ").append(t.calls.getOrDefault(op, "none")).append(" |");
            }
            row.append(" ")
                    .append(t.hidesSci == null ? "cannot list tables" : t.hidesSci ? "yes" : "**no: listed**")
                    .append(" |");
            line(row.toString());
        }
        line("");

        line("#### Startup, memory and tools/list");
        line("");
        line("The 2026-07-28 lane has no `initialize`: its first-request row is `server/discover`.");
        line("");
        line("| Figure |" + targets.stream().map(t -> " " + t.name + " |").reduce("", String::concat));
        line("|---|" + "---:|".repeat(targets.size()));
        row("Startup to ready (ms)", targets, t -> t.startup.toMillis(), 0);
        row("Warm-up before the first measured phase (s)", targets, t -> t.jitWarmup.toMillis() / 1000.0, 0);
        textRow(
                "JIT compilers' CPU, last warm-up round / measured phases (% of a core)",
                targets,
                t -> String.format(
                        Locale.ROOT, "%.1f / %.1f", t.jitShareAtWarmupEnd * 100, t.jitShareWhileMeasured() * 100));
        row("RSS idle after startup (MiB)", targets, t -> mib(t.idleRssBytes), 0);
        row("RSS peak at the most sessions measured (MiB)", targets, t -> mib(t.peakRssUnder64Bytes), 0);
        row("initialize (2026-07-28: server/discover), first user (ms)", targets, t -> millis(t.firstInitialize), 1);
        row("tools/list, first call after ready (ms)", targets, t -> millis(t.firstToolsList), 1);
        row("tools/list warm p50 (ms)", targets, t -> t.warmToolsList.phase().p50Millis(), 2);
        row("tools/list warm p99 (ms)", targets, t -> t.warmToolsList.phase().p99Millis(), 2);
        row(
                "tools/list warm, 1 session (calls/s)",
                targets,
                t -> t.warmToolsList.phase().throughputPerSecond(),
                0);
        row("tools/list server CPU (µs/call)", targets, t -> t.warmToolsList.cpuMicrosPerCall(), 0);
        line("");

        line("#### Throughput (calls/s)");
        line("");
        line("In brackets: " + l.name + "'s throughput divided by that server's (above 1: " + l.name + " is faster); "
                + "for the 2026-07-28 lane, that lane's divided by the handshake's.");
        line("");
        phaseTable(
                targets,
                ops,
                levels,
                (t, p) -> f(p.throughputPerSecond(), 0)
                        + (t == l
                                ? ""
                                : t.name.startsWith(l.name)
                                        ? " ("
                                                + ratio(
                                                        p.throughputPerSecond(),
                                                        lakegate(l, p).throughputPerSecond()) + ")"
                                        : " (" + ratio(lakegate(l, p).throughputPerSecond(), p.throughputPerSecond())
                                                + ")"));

        line("#### Latency p50 / p99 (ms)");
        line("");
        phaseTable(targets, ops, levels, (t, p) -> f(p.p50Millis(), 2) + " / " + f(p.p99Millis(), 2));

        line("#### Overhead over the same discovery sent directly to the emulator");
        line("");
        line("Overhead = latency through the MCP server minus the direct REST latency of the same request(s) at the "
                + "same concurrency, in the same run (p50 minus p50 / p99 minus p99, ms). The direct baseline sends "
                + "Lakegate's requests; a peer whose tool asks for more (no `omit_columns`, no paging) pays that too.");
        line("");
        line("| Tool | Sessions | direct p50 / p99 |"
                + targets.stream().map(t -> " " + t.name + " |").reduce("", String::concat));
        line("|---|---:|---:|" + "---:|".repeat(targets.size()));
        for (String op : ops) {
            for (int c : levels) {
                Optional<PhaseResult> d = direct(run, op, c);
                if (d.isEmpty()) {
                    continue;
                }
                StringBuilder row = new StringBuilder("| " + op + " | " + c + " | "
                        + f(d.get().p50Millis(), 2) + " / " + f(d.get().p99Millis(), 2) + " |");
                for (TargetReport t : targets) {
                    row.append(" ")
                            .append(t.find(op, c)
                                    .map(m -> f(m.phase().p50Millis() - d.get().p50Millis(), 2) + " / "
                                            + f(m.phase().p99Millis() - d.get().p99Millis(), 2))
                                    .orElse("–"))
                            .append(" |");
                }
                line(row.toString());
            }
        }
        line("");

        line("#### Server CPU per call (µs)");
        line("");
        line("CPU time (user + system) the server process used during the measured phase, divided by its calls; the "
                + "emulator and the load generator are not included. At one session this includes the server's "
                + "fixed background work (JIT compiler, GC, timers) spread over fewer calls.");
        line("");
        phaseTable(
                targets,
                ops,
                levels,
                (t, p) -> t.find(p.operation(), p.concurrency())
                        .map(m -> f(m.cpuMicrosPerCall(), 0))
                        .orElse("–"));

        targetsMet(run, l, peers, ops, levels);

        List<String> errors = new ArrayList<>();
        List<PhaseResult> phases = new ArrayList<>(run.direct());
        for (TargetReport t : targets) {
            phases.add(t.warmToolsList.phase());
            t.discovery.forEach(m -> phases.add(m.phase()));
        }
        phases.stream()
                .filter(x -> x.errors() > 0)
                .forEach(x -> errors.add(x.target() + " " + x.operation() + " c=" + x.concurrency() + ": " + x.errors()
                        + " errors (" + x.firstError() + ")"));
        line("Failed calls: " + (errors.isEmpty() ? "none (every timed call succeeded)." : ""));
        errors.forEach(e -> line("- " + e));
        line("");

        if (l.profile != null) {
            int most = l.discovery.stream()
                    .mapToInt(m -> m.phase().concurrency())
                    .max()
                    .orElse(1);
            line("#### Where the time goes: JFR profile of " + l.name + " (list_tables, " + most + " sessions)");
            line("");
            line(l.profile.samples() + " Java execution samples; GC: " + l.profile.gcCount() + " collections, "
                    + l.profile.gcPauseTotal().toMillis() + " ms total pause. Share of samples by the layer of the "
                    + "sampled frame:");
            line("");
            line("| Layer | Share |");
            line("|---|---:|");
            for (Map.Entry<String, Long> e : l.profile.byLayer().entrySet()) {
                line("| " + e.getKey() + " | " + f(100.0 * e.getValue() / Math.max(1, l.profile.samples()), 1)
                        + " % |");
            }
            line("");
            line("Hottest methods (self samples):");
            line("");
            for (Map.Entry<String, Long> e : l.profile.hotMethods()) {
                line("- `" + e.getKey() + "`: " + f(100.0 * e.getValue() / Math.max(1, l.profile.samples()), 1) + " %");
            }
            line("");
            Map<String, io.lakegate.bench.profile.JfrProfile.Summary> all = new java.util.LinkedHashMap<>();
            all.put("list_tables", l.profile);
            all.putAll(l.moreProfiles);
            line("Request steps (Lakegate methods by the share of samples with the method anywhere on the stack: its "
                    + "own work and everything it calls), the same JFR phase per operation:");
            line("");
            line("| Method |"
                    + all.keySet().stream()
                            .map(k -> " " + k + " (" + all.get(k).samples() + " samples) |")
                            .reduce("", String::concat));
            line("|---|" + "---:|".repeat(all.size()));
            java.util.Set<String> methods = new java.util.LinkedHashSet<>();
            all.values().forEach(p -> p.lakegateInclusive().forEach(e -> methods.add(e.getKey())));
            for (String m : methods) {
                StringBuilder row = new StringBuilder("| `" + m + "` |");
                for (io.lakegate.bench.profile.JfrProfile.Summary p : all.values()) {
                    long n = p.lakegateInclusive().stream()
                            .filter(e -> e.getKey().equals(m))
                            .mapToLong(Map.Entry::getValue)
                            .findFirst()
                            .orElse(0);
                    row.append(" ")
                            .append(n == 0 ? "–" : f(100.0 * n / Math.max(1, p.samples()), 1) + " %")
                            .append(" |");
                }
                line(row.toString());
            }
            line("");
        }

        line("#### Operator scale (real kube-apiserver)");
        line("");
        if (run.operator().isPresent()) {
            run.operator().get().appendMarkdown(out);
        } else {
            line("Not measured in this run: " + run.operatorSkipReason());
        }
        line("");
        return out.toString();
    }

    private void row(String label, List<TargetReport> targets, ToDoubleFunction<TargetReport> value, int decimals) {
        textRow(label, targets, t -> f(value.applyAsDouble(t), decimals));
    }

    private void textRow(
            String label, List<TargetReport> targets, java.util.function.Function<TargetReport, String> cell) {
        line("| " + label + " |"
                + targets.stream().map(t -> " " + cell.apply(t) + " |").reduce("", String::concat));
    }

    /** One row per tool and session count, one cell per server ("–" where it was not measured). */
    private void phaseTable(
            List<TargetReport> targets,
            List<String> ops,
            List<Integer> levels,
            BiFunction<TargetReport, PhaseResult, String> cell) {
        line("| Tool | Sessions |"
                + targets.stream().map(t -> " " + t.name + " |").reduce("", String::concat));
        line("|---|---:|" + "---:|".repeat(targets.size()));
        for (String op : ops) {
            for (int c : levels) {
                StringBuilder row = new StringBuilder("| " + op + " | " + c + " |");
                for (TargetReport t : targets) {
                    row.append(" ")
                            .append(t.find(op, c)
                                    .map(m -> cell.apply(t, m.phase()))
                                    .orElse("–"))
                            .append(" |");
                }
                line(row.toString());
            }
        }
        line("");
    }

    private static PhaseResult lakegate(TargetReport l, PhaseResult same) {
        return l.find(same.operation(), same.concurrency())
                .map(TargetReport.Measured::phase)
                .orElse(same);
    }

    private static Optional<PhaseResult> direct(Run run, String op, int concurrency) {
        return run.direct().stream()
                .filter(x -> x.operation().equals(op) && x.concurrency() == concurrency)
                .findFirst();
    }

    /** Each target of issue 18 beside the figure of this run. */
    private void targetsMet(Run run, TargetReport l, List<TargetReport> peers, List<String> ops, List<Integer> levels) {
        line("#### Targets (issue 18) in this run");
        line("");
        line("| Target | This run | Verdict |");
        line("|---|---|---|");
        double p99 = l.warmToolsList.phase().p99Millis();
        line("| tools/list warm p99 ≤ " + f(TOOLS_LIST_P99_TARGET_MS, 1) + " ms | " + f(p99, 2) + " ms | "
                + verdict(p99 <= TOOLS_LIST_P99_TARGET_MS) + " |");
        int most = levels.stream().mapToInt(Integer::intValue).max().orElse(1);
        for (int c : List.of(1, most)) {
            double limit = c == 1 ? OVERHEAD_P50_AT_1_TARGET_MS : OVERHEAD_P50_AT_64_TARGET_MS;
            List<String> cells = new ArrayList<>();
            boolean met = true;
            for (String op : ops) {
                Optional<PhaseResult> d = direct(run, op, c);
                Optional<TargetReport.Measured> m = l.find(op, c);
                if (d.isPresent() && m.isPresent()) {
                    double o = m.get().phase().p50Millis() - d.get().p50Millis();
                    met &= o <= limit;
                    cells.add(op + " " + f(o, 2));
                }
            }
            line("| overhead p50 ≤ " + f(limit, 1) + " ms at " + c + " session" + (c == 1 ? "" : "s") + " | "
                    + String.join(", ", cells) + " ms | " + verdict(met) + " |");
        }
        for (TargetReport peer : peers) {
            List<String> cells = new ArrayList<>();
            boolean fiveTimes = true;
            boolean fasterAlone = true;
            for (String op : ops) {
                for (int c : levels) {
                    Optional<TargetReport.Measured> p = peer.find(op, c);
                    Optional<TargetReport.Measured> m = l.find(op, c);
                    if (p.isEmpty() || m.isEmpty() || p.get().phase().throughputPerSecond() == 0) {
                        continue;
                    }
                    double r = m.get().phase().throughputPerSecond()
                            / p.get().phase().throughputPerSecond();
                    if (c == 1) {
                        fasterAlone &= r > 1;
                        cells.add(op + "@1 " + f(r, 1) + "×");
                    } else if (c >= 8) {
                        fiveTimes &= r >= PEER_THROUGHPUT_TARGET;
                        cells.add(op + "@" + c + " " + f(r, 1) + "×");
                    }
                }
            }
            line("| ≥ " + f(PEER_THROUGHPUT_TARGET, 0) + "× " + peer.name + " at 8+ sessions, faster at 1 | "
                    + String.join(", ", cells) + " | " + verdict(fiveTimes && fasterAlone)
                    + (fiveTimes == fasterAlone ? "" : fiveTimes ? " (not at 1 session)" : " (not at 8+ sessions)")
                    + " |");
        }
        run.targets().stream().filter(t -> t.stateless).findFirst().ifPresent(modern -> {
            List<String> cells = new ArrayList<>();
            double worst = Double.MAX_VALUE;
            for (TargetReport.Measured m : modern.discovery) {
                Optional<TargetReport.Measured> h =
                        l.find(m.phase().operation(), m.phase().concurrency());
                if (h.isPresent() && h.get().phase().throughputPerSecond() > 0) {
                    double r = m.phase().throughputPerSecond() / h.get().phase().throughputPerSecond();
                    worst = Math.min(worst, r);
                    cells.add(m.phase().operation() + "@" + m.phase().concurrency() + " " + f(r, 2));
                }
            }
            line("| 2026-07-28 lane not slower than the handshake (throughput ratio) | " + String.join(", ", cells)
                    + " | " + (worst >= 1 ? "met" : worst >= 0.95 ? "within 5 % (run-to-run noise)" : "**missed**")
                    + " |");
        });
        line("");
    }

    private static String verdict(boolean met) {
        return met ? "met" : "**missed**";
    }

    private void line(String s) {
        out.append(s).append('\n');
    }

    static String f(double v, int decimals) {
        return String.format(Locale.ROOT, "%,." + decimals + "f", v);
    }

    static String ratio(double a, double b) {
        if (b == 0 || Double.isNaN(a) || Double.isNaN(b)) {
            return "–";
        }
        return String.format(Locale.ROOT, "%.2f", a / b);
    }

    /** A ratio of overheads only means something when both are positive (noise can make one negative). */
    static String overheadRatio(double a, double b) {
        return a <= 0 || b <= 0 ? "–" : ratio(a, b);
    }

    private static double mib(long bytes) {
        return bytes / (1024.0 * 1024.0);
    }

    private static double millis(Duration d) {
        return d.toNanos() / 1e6;
    }
}
