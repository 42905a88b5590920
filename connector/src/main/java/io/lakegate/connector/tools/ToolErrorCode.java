package io.lakegate.connector.tools;

/** Stable codes that prefix every tool error text, so clients and audits can tell failures apart. */
public enum ToolErrorCode {
    /** An argument is missing, mistyped or out of range; the message names it. */
    INVALID_ARGUMENT,
    /** The object does not exist, is not visible to the caller, or is hidden (the three are indistinguishable). */
    NOT_FOUND,
    /** Databricks refused the caller. */
    PERMISSION_DENIED,
    /** No Databricks credentials for the caller. */
    UNAUTHENTICATED,
    /** The proxied tool is not on the read-only allow-list. */
    TOOL_NOT_ALLOWED,
    /** The SQL query guard refused the statement. */
    INVALID_QUERY,
    /** Databricks throttled the call; the message says when to retry if Databricks said so. */
    RATE_LIMITED,
    /** Databricks failed or could not be reached. */
    UPSTREAM_ERROR,
    /** The connector itself is not usable (e.g. invalid workspace registry). */
    UNAVAILABLE,
    /** An unexpected failure inside the connector; details are only in the server log under the reference. */
    INTERNAL
}
