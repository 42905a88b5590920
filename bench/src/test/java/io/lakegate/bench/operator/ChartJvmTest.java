package io.lakegate.bench.operator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class ChartJvmTest {

    @Test
    void theOperatorRunsWithTheChartsFlagsAndItsMemoryLimitAsMaxRam() {
        // surefire runs in the bench module; the chart is the checkout's
        ChartJvm jvm = ChartJvm.of(Path.of("../helm/lakegate-operator"));

        assertThat(jvm.flags().get(0)).isEqualTo("-XX:MaxRAM=" + (512L << 20));
        assertThat(jvm.flags()).contains("-XX:+UseSerialGC").anyMatch(f -> f.startsWith("-XX:MaxRAMPercentage="));
        assertThat(jvm.description()).contains("512Mi");
        assertThat(jvm.env()).containsEntry("MALLOC_ARENA_MAX", "2");
    }

    @Test
    void quantitiesOtherThanMiAndGiAreRefused() {
        assertThat(ChartJvm.bytes("1Gi")).isEqualTo(1L << 30);
        assertThatThrownBy(() -> ChartJvm.bytes("512M")).isInstanceOf(IllegalArgumentException.class);
    }
}
