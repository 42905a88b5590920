package io.lakegate.connector.oauth.store;

import java.util.Optional;

/**
 * Outcome of redeeming a single-use item (code, refresh token). A second redemption is told apart from an unknown
 * item because it means the item leaked: the token endpoint then revokes the grant (RFC 6749 4.1.2, 10.5; OAuth 2.1
 * refresh token reuse detection).
 *
 * @param item the redeemed item, also for {@link Outcome#ALREADY_REDEEMED}; null for {@link Outcome#INVALID}
 */
public record Redemption<T>(Outcome outcome, T item) {

    public enum Outcome {
        /** This caller is the one and only redeemer. */
        REDEEMED,
        /** Redeemed before (by this or another replica): a replay. */
        ALREADY_REDEEMED,
        /** Unknown or expired. */
        INVALID
    }

    public static <T> Redemption<T> redeemed(T item) {
        return new Redemption<>(Outcome.REDEEMED, item);
    }

    public static <T> Redemption<T> replayed(T item) {
        return new Redemption<>(Outcome.ALREADY_REDEEMED, item);
    }

    public static <T> Redemption<T> invalid() {
        return new Redemption<>(Outcome.INVALID, null);
    }

    /** The item when this caller redeemed it. */
    public Optional<T> redeemedItem() {
        return outcome == Outcome.REDEEMED ? Optional.of(item) : Optional.empty();
    }
}
