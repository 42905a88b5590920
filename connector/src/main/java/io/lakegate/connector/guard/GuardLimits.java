package io.lakegate.connector.guard;

/** Result-size limits enforced on every guarded query: rows by an enforced {@code LIMIT}, bytes on the returned cells. */
public record GuardLimits(long maxRows, long maxBytes) {

    public static final GuardLimits DEFAULTS = new GuardLimits(10_000, 16L * 1024 * 1024);

    public GuardLimits {
        if (maxRows < 1) {
            throw new IllegalArgumentException("maxRows must be at least 1");
        }
        if (maxBytes < 1) {
            throw new IllegalArgumentException("maxBytes must be at least 1");
        }
    }
}
