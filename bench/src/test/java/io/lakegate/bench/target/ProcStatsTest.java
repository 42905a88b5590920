package io.lakegate.bench.target;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The JIT compilers' CPU is found by their kernel thread names: a running JVM (this one) has spent some. */
class ProcStatsTest {

    @Test
    void findsTheCompilerThreadsOfThisJvm() {
        long jit = ProcStats.jitCompilerCpuMillis(ProcessHandle.current());
        assertThat(jit).isPositive().isLessThanOrEqualTo(ProcStats.cpuMillis(ProcessHandle.current()));
    }

    @Test
    void aProcessWithoutCompilerThreadsHasNone() throws Exception {
        Process sleep = new ProcessBuilder("sleep", "30").start();
        try {
            assertThat(ProcStats.jitCompilerCpuMillis(sleep.toHandle())).isZero();
        } finally {
            sleep.destroyForcibly().waitFor();
        }
        assertThat(ProcStats.jitCompilerCpuMillis(sleep.toHandle()))
                .as("a process that is gone")
                .isZero();
    }
}
