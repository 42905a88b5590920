package io.lakegate.bench.target;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/** Resident memory and CPU time of a process and its descendants, read from Linux {@code /proc}. */
public final class ProcStats {

    /** Kernel clock ticks per second for {@code /proc/<pid>/stat}; 100 on every Linux configuration we run on. */
    private static final long TICKS_PER_SECOND = 100;

    private ProcStats() {}

    /** VmRSS of the process plus its descendants, in bytes; 0 when the process is gone. */
    public static long rssBytes(ProcessHandle process) {
        return family(process).mapToLong(ProcStats::rssOf).sum();
    }

    /** User + system CPU time consumed so far by the process and its live descendants, in milliseconds. */
    public static long cpuMillis(ProcessHandle process) {
        return family(process).mapToLong(ProcStats::cpuOf).sum();
    }

    private static Stream<ProcessHandle> family(ProcessHandle process) {
        return Stream.concat(Stream.of(process), process.descendants());
    }

    private static long rssOf(ProcessHandle p) {
        try {
            List<String> lines = Files.readAllLines(Path.of("/proc", Long.toString(p.pid()), "status"));
            for (String line : lines) {
                if (line.startsWith("VmRSS:")) {
                    String[] parts = line.trim().split("\\s+");
                    return Long.parseLong(parts[1]) * 1024;
                }
            }
            return 0;
        } catch (IOException | RuntimeException e) {
            return 0;
        }
    }

    private static long cpuOf(ProcessHandle p) {
        try {
            String stat = Files.readString(Path.of("/proc", Long.toString(p.pid()), "stat"));
            // fields after the parenthesised command name; utime and stime are fields 14 and 15 of the whole line
            String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            long ticks = Long.parseLong(f[11]) + Long.parseLong(f[12]);
            return ticks * 1000 / TICKS_PER_SECOND;
        } catch (IOException | RuntimeException e) {
            return 0;
        }
    }
}
