package io.lakegate.connector.resilience;

import static org.assertj.core.api.Assertions.assertThat;

import com.github.benmanes.caffeine.cache.Ticker;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class UserPacingTest {

    final AtomicLong now = new AtomicLong(1_000_000_000L);
    final Ticker ticker = now::get;

    UserPacing pacing(double perSecond, int burst) {
        DownstreamProperties.Pacing props = new DownstreamProperties.Pacing();
        props.setFaultsPerSecond(perSecond);
        props.setBurst(burst);
        props.setMaxWait(Duration.ofSeconds(2));
        return new UserPacing(props, ticker);
    }

    @Test
    void aBurstOfFaultsCostsNothingThenCallsWaitTheirTurnOneIntervalApart() {
        UserPacing pacing = pacing(5, 10);
        for (int i = 0; i < 10; i++) {
            assertThat(pacing.admit("alice")).isZero();
            pacing.charge("alice");
        }
        assertThat(pacing.admit("alice")).isZero();
        pacing.charge("alice"); // the eleventh fault: over the burst by one interval
        // three calls sent together: each reserves the next turn, so they run 200 ms apart, not all at once
        assertThat(pacing.admit("alice")).isEqualTo(Duration.ofMillis(200));
        assertThat(pacing.admit("alice")).isEqualTo(Duration.ofMillis(400));
        assertThat(pacing.admit("alice")).isEqualTo(Duration.ofMillis(600));
        now.addAndGet(Duration.ofMillis(800).toNanos());
        assertThat(pacing.admit("alice")).isZero();
    }

    @Test
    void aCallThatWouldWaitLongerThanTheLongestWaitReservesNothing() {
        UserPacing pacing = pacing(5, 2);
        for (int i = 0; i < 50; i++) {
            pacing.charge("alice");
        }
        Duration wait = pacing.admit("alice");
        assertThat(pacing.tooLong(wait)).isTrue();
        assertThat(pacing.admit("alice")).isEqualTo(wait);
    }

    @Test
    void oneUsersFaultsNeverSlowAnother() {
        UserPacing pacing = pacing(5, 2);
        for (int i = 0; i < 50; i++) {
            pacing.charge("alice");
        }
        assertThat(pacing.admit("alice")).isPositive();
        assertThat(pacing.admit("bob")).isZero();
    }

    @Test
    void theBudgetRefillsWithTime() {
        UserPacing pacing = pacing(5, 10);
        for (int i = 0; i < 20; i++) {
            pacing.charge("alice");
        }
        now.addAndGet(Duration.ofSeconds(4).toNanos());
        // the whole burst is back: ten more faults before any wait
        for (int i = 0; i < 10; i++) {
            assertThat(pacing.admit("alice")).isZero();
            pacing.charge("alice");
        }
        assertThat(pacing.admit("alice")).isZero();
    }

    @Test
    void offWhenNoRateIsConfigured() {
        UserPacing pacing = pacing(0, 10);
        for (int i = 0; i < 100; i++) {
            pacing.charge("alice");
        }
        assertThat(pacing.enabled()).isFalse();
        assertThat(pacing.admit("alice")).isZero();
    }
}
