package io.lakegate.connector.guard;

/**
 * Thrown inside the guard's analysis to stop at the first refusal; {@link SqlGuard} turns it into a
 * {@link GuardDecision.Refused}. Never leaves the package.
 */
final class GuardRefusal extends RuntimeException {

    private final GuardDecision.Refused refused;

    GuardRefusal(GuardDecision.RefusalKind kind, String reason, String offendingToken) {
        super(reason, null, false, false);
        this.refused = new GuardDecision.Refused(kind, reason, offendingToken);
    }

    GuardDecision.Refused refused() {
        return refused;
    }
}
