package io.lakegate.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class GuardCostLineTest {

    @Test
    void theSummaryLineIsPublishedAndItsAbsenceSaysWhy(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("guard-cost.txt");
        Files.writeString(file, "noise\nguard cost: per statement p50 0.120 ms, p99 0.900 ms\n");
        assertThat(BenchMain.guardCost(file)).isEqualTo("per statement p50 0.120 ms, p99 0.900 ms.");
        Files.writeString(file, "");
        assertThat(BenchMain.guardCost(file)).startsWith("not measured");
        assertThat(BenchMain.guardCost(null)).startsWith("not measured");
        assertThat(BenchMain.guardCost(dir.resolve("missing.txt"))).startsWith("not measured");
    }
}
