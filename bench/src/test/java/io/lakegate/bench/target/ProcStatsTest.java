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
    void aProcessWithoutCompilerThreadsHasNone() {
        // PID 1 of this machine is not a JVM; a PID that does not exist reads as gone
        assertThat(ProcStats.jitCompilerCpuMillis(ProcessHandle.of(1).orElseThrow()))
                .isZero();
    }
}
