package io.lakegate.bench.report;

import io.lakegate.bench.load.PhaseResult;
import io.lakegate.bench.operator.OperatorScaleReport;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.ToDoubleFunction;

/** Renders a run as the Markdown tables published in docs/benchmarks.md. */
public final class MarkdownReport {

    /** Everything a run produced; the peer and the operator parts are absent when they were not run. */
    public record Run(String started, String command, Environment environment, String endLoadAverage, String workload,
                      List<PhaseResult> direct, TargetReport lakegate, Optional<TargetReport> peer,
                      Optional<OperatorScaleReport> operator, String operatorSkipReason, List<String> notes) {
    }

    private final StringBuilder out = new StringBuilder();

    public static String render(Run run) {
        return new MarkdownReport().write(run);
    }

    private String write(Run run) {
        Environment env = run.environment();
        line("Run of " + run.started() + " UTC: `" + run.command() + "`.");
        line("");
        line("- Machine: " + env.cores() + " cores (" + env.cpu() + "), " + env.memory() + ", " + env.jdk()
                + ", " + env.os() + ".");
        line("- Load average (1/5/15 min) at start " + env.loadAtStart() + ", at end " + run.endLoadAverage()
                + " (other work on the machine competes for the same cores).");
        line("- Workload: " + run.workload() + ". Closed loop, one MCP session per virtual user, warm-up discarded.");
        run.notes().forEach(n -> line("- " + n));
        line("");

        TargetReport l = run.lakegate();
        Optional<TargetReport> p = run.peer();
        String peerName = p.map(t -> t.name).orElse("peer (not run)");
        line("#### Startup, memory and tools/list");
        line("");
        line("| Figure | " + l.name + " | " + peerName + " | " + l.name + " / peer |");
        line("|---|---:|---:|---:|");
        row("Startup to ready (ms)", l, p, t -> t.startup.toMillis(), 0);
        row("RSS idle after startup (MiB)", l, p, t -> mib(t.idleRssBytes), 0);
        row("RSS peak under 64 sessions (MiB)", l, p, t -> mib(t.peakRssUnder64Bytes), 0);
        row("initialize, first session (ms)", l, p, t -> millis(t.firstInitialize), 1);
        row("tools/list, first call after ready (ms)", l, p, t -> millis(t.firstToolsList), 1);
        row("tools/list warm p50 (ms)", l, p, t -> t.warmToolsList.phase().p50Millis(), 2);
        row("tools/list warm p99 (ms)", l, p, t -> t.warmToolsList.phase().p99Millis(), 2);
        row("tools/list warm, 1 session (calls/s)", l, p, t -> t.warmToolsList.phase().throughputPerSecond(), 0);
        line("");

        line("#### Discovery tools: throughput and latency");
        line("");
        line("Ratios are " + l.name + " / peer: above 1 is better for throughput, below 1 is better for latency.");
        line("");
        line("| Tool | Sessions | " + l.name + " calls/s | p50 ms | p99 ms | " + peerName
                + " calls/s | p50 ms | p99 ms | ratio calls/s | ratio p50 | ratio p99 |");
        line("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|");
        for (TargetReport.Measured m : l.discovery) {
            PhaseResult a = m.phase();
            Optional<PhaseResult> b = p.flatMap(t -> t.find(a.operation(), a.concurrency())).map(TargetReport.Measured::phase);
            line("| " + a.operation() + " | " + a.concurrency() + " | " + f(a.throughputPerSecond(), 0) + " | "
                    + f(a.p50Millis(), 2) + " | " + f(a.p99Millis(), 2) + " | "
                    + b.map(x -> f(x.throughputPerSecond(), 0) + " | " + f(x.p50Millis(), 2) + " | " + f(x.p99Millis(), 2))
                    .orElse("– | – | –") + " | "
                    + b.map(x -> ratio(a.throughputPerSecond(), x.throughputPerSecond()) + " | "
                    + ratio(a.p50Millis(), x.p50Millis()) + " | " + ratio(a.p99Millis(), x.p99Millis()))
                    .orElse("– | – | –") + " |");
        }
        line("");

        line("#### Overhead over the same discovery sent directly to the emulator");
        line("");
        line("Overhead = latency through the MCP server minus the direct REST latency of the same request(s) at the "
                + "same concurrency, in the same run (p50 minus p50, p99 minus p99). A ratio is shown only when both overheads "
                + "are positive.");
        line("");
        line("| Tool | Sessions | direct p50 ms | direct p99 ms | " + l.name + " overhead p50 ms | p99 ms | "
                + peerName + " overhead p50 ms | p99 ms | ratio p50 | ratio p99 |");
        line("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|");
        for (TargetReport.Measured m : l.discovery) {
            PhaseResult a = m.phase();
            Optional<PhaseResult> d = run.direct().stream().filter(x -> x.operation().equals(a.operation())
                    && x.concurrency() == a.concurrency()).findFirst();
            if (d.isEmpty()) {
                continue;
            }
            double o50 = a.p50Millis() - d.get().p50Millis();
            double o99 = a.p99Millis() - d.get().p99Millis();
            Optional<PhaseResult> b = p.flatMap(t -> t.find(a.operation(), a.concurrency())).map(TargetReport.Measured::phase);
            Optional<double[]> po = b.map(x -> new double[]{x.p50Millis() - d.get().p50Millis(),
                    x.p99Millis() - d.get().p99Millis()});
            line("| " + a.operation() + " | " + a.concurrency() + " | " + f(d.get().p50Millis(), 2) + " | "
                    + f(d.get().p99Millis(), 2) + " | " + f(o50, 2) + " | " + f(o99, 2) + " | "
                    + po.map(x -> f(x[0], 2) + " | " + f(x[1], 2) + " | " + overheadRatio(o50, x[0]) + " | "
                    + overheadRatio(o99, x[1]))
                    .orElse("– | – | – | –") + " |");
        }
        line("");

        line("#### Server CPU per call");
        line("");
        line("CPU time (user + system) the server process used during the measured phase, divided by its calls; the "
                + "emulator and the load generator are not included.");
        line("");
        line("| Tool | Sessions | " + l.name + " µs/call | " + peerName + " µs/call | ratio |");
        line("|---|---:|---:|---:|---:|");
        List<TargetReport.Measured> all = new ArrayList<>();
        all.add(l.warmToolsList);
        all.addAll(l.discovery);
        for (TargetReport.Measured m : all) {
            PhaseResult a = m.phase();
            Optional<TargetReport.Measured> b = p.flatMap(t -> a.operation().equals("tools/list")
                    ? Optional.of(t.warmToolsList) : t.find(a.operation(), a.concurrency()));
            line("| " + a.operation() + " | " + a.concurrency() + " | " + f(m.cpuMicrosPerCall(), 0) + " | "
                    + b.map(x -> f(x.cpuMicrosPerCall(), 0) + " | " + ratio(m.cpuMicrosPerCall(), x.cpuMicrosPerCall()))
                    .orElse("– | –") + " |");
        }
        line("");

        List<String> errors = new ArrayList<>();
        List<PhaseResult> phases = new ArrayList<>(run.direct());
        for (TargetReport t : p.isPresent() ? List.of(l, p.get()) : List.of(l)) {
            phases.add(t.warmToolsList.phase());
            t.discovery.forEach(m -> phases.add(m.phase()));
        }
        phases.stream().filter(x -> x.errors() > 0).forEach(x -> errors.add(x.target() + " " + x.operation() + " c="
                + x.concurrency() + ": " + x.errors() + " errors (" + x.firstError() + ")"));
        line("Failed calls: " + (errors.isEmpty() ? "none (every timed call succeeded)." : ""));
        errors.forEach(e -> line("- " + e));
        line("");

        if (l.profile != null) {
            line("#### Where the time goes: JFR profile of " + l.name + " (list_tables, 64 sessions)");
            line("");
            line(l.profile.samples() + " Java execution samples; GC: " + l.profile.gcCount() + " collections, "
                    + l.profile.gcPauseTotal().toMillis() + " ms total pause. Share of samples by the layer of the "
                    + "sampled frame:");
            line("");
            line("| Layer | Share |");
            line("|---|---:|");
            for (Map.Entry<String, Long> e : l.profile.byLayer().entrySet()) {
                line("| " + e.getKey() + " | " + f(100.0 * e.getValue() / Math.max(1, l.profile.samples()), 1) + " % |");
            }
            line("");
            line("Hottest methods (self samples):");
            line("");
            for (Map.Entry<String, Long> e : l.profile.hotMethods()) {
                line("- `" + e.getKey() + "`: " + f(100.0 * e.getValue() / Math.max(1, l.profile.samples()), 1) + " %");
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

    private void row(String label, TargetReport l, Optional<TargetReport> p, ToDoubleFunction<TargetReport> value,
                     int decimals) {
        double a = value.applyAsDouble(l);
        line("| " + label + " | " + f(a, decimals) + " | " + p.map(t -> f(value.applyAsDouble(t), decimals)).orElse("–")
                + " | " + p.map(t -> ratio(a, value.applyAsDouble(t))).orElse("–") + " |");
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
