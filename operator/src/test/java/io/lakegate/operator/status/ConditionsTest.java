package io.lakegate.operator.status;

import static org.assertj.core.api.Assertions.assertThat;

import io.lakegate.operator.api.Condition;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class ConditionsTest {
    private static final Instant T1 = Instant.parse("2026-01-01T00:00:00.123Z");
    private static final Instant T2 = Instant.parse("2026-01-01T01:00:00Z");

    @Test
    void transitionTimeMovesOnlyWhenStatusFlips() {
        List<Condition> first = Conditions.merge(
                List.of(),
                List.of(
                        Conditions.of("Ready", false, "Pending", "0/1", 1),
                        Conditions.of("Accepted", true, "Resolved", "ok", 1)),
                T1);
        assertThat(first).extracting(Condition::getType).containsExactly("Accepted", "Ready");
        assertThat(first).allSatisfy(c -> assertThat(c.getLastTransitionTime()).isEqualTo("2026-01-01T00:00:00Z"));

        List<Condition> second = Conditions.merge(
                first,
                List.of(
                        Conditions.of("Ready", true, "Ready", "1/1", 2),
                        Conditions.of("Accepted", true, "Resolved", "still ok", 2)),
                T2);
        assertThat(Conditions.find(second, "Accepted").getLastTransitionTime()).isEqualTo("2026-01-01T00:00:00Z");
        assertThat(Conditions.find(second, "Accepted").getMessage()).isEqualTo("still ok");
        assertThat(Conditions.find(second, "Ready").getLastTransitionTime()).isEqualTo("2026-01-01T01:00:00Z");
        assertThat(Conditions.isTrue(second, "Ready")).isTrue();
    }

    @Test
    void sameInputsGiveEqualLists() {
        List<Condition> computed = List.of(Conditions.of("Ready", true, "Ready", "1/1", 1));
        List<Condition> once = Conditions.merge(List.of(), computed, T1);
        assertThat(Conditions.merge(once, computed, T2)).isEqualTo(once);
    }
}
