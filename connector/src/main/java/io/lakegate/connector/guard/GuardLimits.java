package io.lakegate.connector.guard;

/** Result-size limits enforced on every guarded query: rows by an enforced {@code LIMIT}, bytes on the returned cells. */
public record GuardLimits(long maxRows, long maxBytes) {

    /**
     * A tool result goes into a model's context window: 5 000 rows or 2 MiB of cells is already more than any model
     * reads usefully, and every byte more is upstream, connector and client work for nothing.
     */
    public static final long DEFAULT_MAX_ROWS = 5_000;

    public static final long DEFAULT_MAX_BYTES = 2L * 1024 * 1024;
    public static final GuardLimits DEFAULTS = new GuardLimits(DEFAULT_MAX_ROWS, DEFAULT_MAX_BYTES);

    public GuardLimits {
        if (maxRows < 1) {
            throw new IllegalArgumentException("maxRows must be at least 1");
        }
        if (maxBytes < 1) {
            throw new IllegalArgumentException("maxBytes must be at least 1");
        }
    }
}
