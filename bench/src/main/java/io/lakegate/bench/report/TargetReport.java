package io.lakegate.bench.report;

import io.lakegate.bench.load.PhaseResult;
import io.lakegate.bench.profile.JfrProfile;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Everything measured on one MCP server in a run. */
public final class TargetReport {

    /** A measured phase, the server process's CPU time spent during it and its JIT compilers' part of that. */
    public record Measured(PhaseResult phase, long serverCpuMillis, long jitCpuMillis) {
        public double cpuMicrosPerCall() {
            return phase.calls() == 0 ? 0 : serverCpuMillis * 1000.0 / phase.calls();
        }
    }

    public final String name;
    /** Driven over MCP 2026-07-28 (stateless) rather than the handshake. */
    public boolean stateless;
    /** Logical call to the server's own call that stands for it ("none" when it has no such tool). */
    public final java.util.Map<String, String> calls = new java.util.LinkedHashMap<>();
    /** Whether its listing of the SCI table's schema leaves the SCI table out; null when it cannot list tables. */
    public Boolean hidesSci;

    public Duration startup;
    /** How long the discarded mixed load ran before the first measured phase. */
    public Duration jitWarmup = Duration.ZERO;
    /** The JIT compilers' CPU in the warm-up's last round, as a share of one core. */
    public double jitShareAtWarmupEnd;

    public long idleRssBytes;
    public Duration firstInitialize;
    public Duration firstToolsList;
    public int toolCount;
    public Measured warmToolsList;
    public final List<Measured> discovery = new ArrayList<>();
    public long peakRssUnder64Bytes;
    public JfrProfile.Summary profile;
    /** Further JFR phases by operation (tools/list, get_table), to compare a list call's CPU with theirs. */
    public final java.util.Map<String, JfrProfile.Summary> moreProfiles = new java.util.LinkedHashMap<>();

    public String profileFile;

    public TargetReport(String name) {
        this.name = name;
    }

    /** The JIT compilers' CPU during every measured phase, as a share of one core over those phases' wall time. */
    public double jitShareWhileMeasured() {
        List<Measured> all = new ArrayList<>(discovery);
        if (warmToolsList != null) {
            all.add(warmToolsList);
        }
        double wallMillis =
                all.stream().mapToDouble(m -> m.phase().elapsed().toMillis()).sum();
        return wallMillis == 0
                ? 0
                : all.stream().mapToLong(Measured::jitCpuMillis).sum() / wallMillis;
    }

    public Optional<Measured> find(String operation, int concurrency) {
        return discovery.stream()
                .filter(m ->
                        m.phase().operation().equals(operation) && m.phase().concurrency() == concurrency)
                .findFirst();
    }
}
