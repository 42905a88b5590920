package io.lakegate.emulator.fault;

/**
 * Workspace states a test can put one emulator instance into, next to {@link Faults}: states a real workspace is
 * often in (warehouses auto-stopped, an API not enabled, the Genie MCP server answering in its text-only shape) and that
 * a connector must survive without leaking or trusting what it cannot check. All off by default; thread-safe.
 */
public final class Switches {

    /** How the managed Genie MCP server's tools answer. */
    public enum GenieMcpShape {
        /**
         * {@code structuredContent} with camelCase keys ({@code conversationId}, {@code content.queryAttachments}, ...)
         * plus the same JSON as text.
         */
        STRUCTURED,
        /**
         * No {@code structuredContent}: the answer is JSON inside {@code content[0].text} with snake_case keys
         * ({@code conversation_id}, {@code message_id}, {@code content.text_attachments}, {@code content.query_attachments},
         * {@code content.suggested_questions}), as public clients of Databricks' Genie MCP server have seen it.
         */
        TEXT_ONLY
    }

    private volatile boolean warehousesStopped;
    private volatile boolean entityTagApiDisabled;
    private volatile GenieMcpShape genieMcpShape = GenieMcpShape.STRUCTURED;
    private volatile boolean genieOneDisabled;
    private volatile java.time.Duration genieResultTtl = DEFAULT_GENIE_RESULT_TTL;

    /** How long Genie keeps a completed answer's query result (Databricks keeps statement results about an hour). */
    public static final java.time.Duration DEFAULT_GENIE_RESULT_TTL = java.time.Duration.ofHours(1);

    /**
     * Every SQL warehouse reports {@code STOPPED} (the normal auto-stopped state: no clusters, no health) in the
     * warehouses API, so a client that only queries information_schema on a running warehouse cannot. Statements still
     * run, as Databricks starts a stopped warehouse for a statement; the emulator models that start as instant and the
     * auto-stop as immediate, so the warehouse never reports RUNNING while the switch is on.
     */
    public Switches warehousesStopped(boolean on) {
        this.warehousesStopped = on;
        return this;
    }

    public boolean warehousesStopped() {
        return warehousesStopped;
    }

    /**
     * The Unity Catalog entity-tag API ({@code /api/2.1/unity-catalog/entity-tag-assignments/...}) answers as an API the
     * workspace does not serve: 404 {@code ENDPOINT_NOT_FOUND} "No API found for 'GET /unity-catalog/...'".
     */
    public Switches entityTagApiDisabled(boolean on) {
        this.entityTagApiDisabled = on;
        return this;
    }

    public boolean entityTagApiDisabled() {
        return entityTagApiDisabled;
    }

    /** How the Genie MCP tools answer from now on (default {@link GenieMcpShape#STRUCTURED}). */
    public Switches genieMcpShape(GenieMcpShape shape) {
        this.genieMcpShape = java.util.Objects.requireNonNull(shape, "shape");
        return this;
    }

    public GenieMcpShape genieMcpShape() {
        return genieMcpShape;
    }

    /**
     * The workspace has not enabled the Genie One MCP server (a Beta preview): {@code /api/2.0/mcp/genie} answers 404
     * {@code ENDPOINT_NOT_FOUND}, the per-space Genie servers keep working.
     */
    public Switches genieOneDisabled(boolean on) {
        this.genieOneDisabled = on;
        return this;
    }

    public boolean genieOneDisabled() {
        return genieOneDisabled;
    }

    /**
     * How long a completed Genie One answer keeps its query result; after that its status is
     * {@code QUERY_RESULT_EXPIRED} and the result rows are gone (default {@link #DEFAULT_GENIE_RESULT_TTL}).
     */
    public Switches genieResultTtl(java.time.Duration ttl) {
        if (ttl == null || ttl.isNegative()) {
            throw new IllegalArgumentException("genieResultTtl must be zero or positive");
        }
        this.genieResultTtl = ttl;
        return this;
    }

    public java.time.Duration genieResultTtl() {
        return genieResultTtl;
    }

    /** Everything back to the default (running warehouses as seeded, tag API on, structured Genie answers). */
    public Switches reset() {
        warehousesStopped = false;
        entityTagApiDisabled = false;
        genieMcpShape = GenieMcpShape.STRUCTURED;
        genieOneDisabled = false;
        genieResultTtl = DEFAULT_GENIE_RESULT_TTL;
        return this;
    }
}
