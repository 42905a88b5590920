package io.lakegate.operator.status;

import io.lakegate.operator.api.Condition;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;

/** Builds condition lists the metav1 way: lastTransitionTime moves only when status flips. */
public final class Conditions {
    public static final String TRUE = "True";
    public static final String FALSE = "False";
    public static final String UNKNOWN = "Unknown";

    private Conditions() {}

    public static Condition of(String type, boolean ok, String reason, String message, long generation) {
        return new Condition(type, ok ? TRUE : FALSE, reason, message, generation);
    }

    /**
     * Merges freshly computed conditions with the previous ones, keeping the previous transition time of every
     * condition whose status did not change; the result is sorted by type so equal states compare equal.
     */
    public static List<Condition> merge(List<Condition> previous, List<Condition> computed, Instant now) {
        String timestamp = now.truncatedTo(ChronoUnit.SECONDS).toString();
        List<Condition> merged = new ArrayList<>();
        for (Condition next : computed) {
            Condition before = find(previous, next.getType());
            Condition copy = new Condition(
                    next.getType(),
                    next.getStatus(),
                    next.getReason(),
                    next.getMessage(),
                    next.getObservedGeneration());
            boolean unchanged = before != null
                    && Objects.equals(before.getStatus(), next.getStatus())
                    && before.getLastTransitionTime() != null;
            copy.setLastTransitionTime(unchanged ? before.getLastTransitionTime() : timestamp);
            merged.add(copy);
        }
        merged.sort(Comparator.comparing(Condition::getType));
        return merged;
    }

    public static Condition find(List<Condition> conditions, String type) {
        if (conditions == null) {
            return null;
        }
        return conditions.stream()
                .filter(c -> type.equals(c.getType()))
                .findFirst()
                .orElse(null);
    }

    public static boolean isTrue(List<Condition> conditions, String type) {
        Condition c = find(conditions, type);
        return c != null && TRUE.equals(c.getStatus());
    }
}
