package io.lakegate.bench.load;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class LoadLimitsTest {

    @Test
    void everyMeasurementIsBoundedInTimeAndCount() {
        assertThatThrownBy(() -> new LoadLimits(Duration.ZERO, 0, Duration.ZERO, 10))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new LoadLimits(Duration.ZERO, 0, Duration.ofSeconds(1), 0))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
