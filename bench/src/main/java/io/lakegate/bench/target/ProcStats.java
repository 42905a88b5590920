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

    /**
     * CPU time consumed so far by the JIT compiler threads of a JVM (threads named {@code C1/C2 CompilerThread*}, seen
     * by the kernel as {@code C1 CompilerThre}/{@code C2 CompilerThre}), in milliseconds; 0 for a process without
     * them (CPython, or a JVM that is gone).
     */
    public static long jitCompilerCpuMillis(ProcessHandle process) {
        Path tasks = Path.of("/proc", Long.toString(process.pid()), "task");
        try (Stream<Path> threads = Files.list(tasks)) {
            return threads.filter(ProcStats::isJitCompiler)
                            .mapToLong(ProcStats::ticksOf)
                            .sum()
                    * 1000
                    / TICKS_PER_SECOND;
        } catch (IOException | RuntimeException e) {
            return 0;
        }
    }

    private static boolean isJitCompiler(Path task) {
        try {
            String comm = Files.readString(task.resolve("comm")).strip();
            return comm.startsWith("C1 CompilerThre") || comm.startsWith("C2 CompilerThre");
        } catch (IOException e) {
            return false;
        }
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
        return ticksOf(Path.of("/proc", Long.toString(p.pid()))) * 1000 / TICKS_PER_SECOND;
    }

    /** utime + stime of a process or thread directory of /proc, in clock ticks; 0 when it is gone. */
    private static long ticksOf(Path procDir) {
        try {
            String stat = Files.readString(procDir.resolve("stat"));
            // fields after the parenthesised command name; utime and stime are fields 14 and 15 of the whole line
            String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            return Long.parseLong(f[11]) + Long.parseLong(f[12]);
        } catch (IOException | RuntimeException e) {
            return 0;
        }
    }
}
