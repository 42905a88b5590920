package io.lakegate.bench.report;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class MarkdownReportTest {

    @Test
    void ratiosAreLakegateOverPeerAndUndefinedForZero() {
        assertThat(MarkdownReport.ratio(3, 2)).isEqualTo("1.50");
        assertThat(MarkdownReport.ratio(1, 0)).isEqualTo("–");
        assertThat(MarkdownReport.ratio(Double.NaN, 1)).isEqualTo("–");
    }

    @Test
    void overheadRatiosNeedTwoPositiveOverheads() {
        assertThat(MarkdownReport.overheadRatio(2, 4)).isEqualTo("0.50");
        assertThat(MarkdownReport.overheadRatio(-1, 4)).isEqualTo("–");
        assertThat(MarkdownReport.overheadRatio(2, 0)).isEqualTo("–");
    }

    @Test
    void numbersUseAFixedLocale() {
        assertThat(MarkdownReport.f(12345.678, 1)).isEqualTo("12,345.7");
    }
}
