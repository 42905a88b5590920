package io.lakegate.emulator.sql;

/**
 * Why a statement failed, as the Statement Execution API reports it inside an HTTP 200: {@code status.error.error_code}
 * (a ServiceErrorCode), a message that starts with the Databricks error class, and the SQLSTATE.
 */
public final class SqlFailure extends RuntimeException {

    private final String errorCode;
    private final String sqlState;

    public SqlFailure(String errorCode, String message, String sqlState) {
        super(message, null, false, false);
        this.errorCode = errorCode;
        this.sqlState = sqlState;
    }

    public String errorCode() {
        return errorCode;
    }

    public String sqlState() {
        return sqlState;
    }

    static SqlFailure permissionDenied(String privilege, String kind, String name) {
        return new SqlFailure(
                "BAD_REQUEST",
                "PERMISSION_DENIED: User does not have " + privilege + " on " + kind + " '" + name + "'.",
                "42501");
    }

    static SqlFailure tableNotFound(String name) {
        return new SqlFailure(
                "BAD_REQUEST",
                "[TABLE_OR_VIEW_NOT_FOUND] The table or view `" + name.replace(".", "`.`")
                        + "` cannot be found. Verify the spelling and correctness of the schema and catalog. SQLSTATE: 42P01",
                "42P01");
    }

    static SqlFailure syntax(String detail) {
        return new SqlFailure(
                "BAD_REQUEST", "[PARSE_SYNTAX_ERROR] Syntax error: " + detail + " SQLSTATE: 42601", "42601");
    }

    /** Spark's own wording for a token it cannot place: "Syntax error at or near 'x'" plus an optional reason. */
    static SqlFailure syntaxAt(String near, String reason) {
        return new SqlFailure(
                "BAD_REQUEST",
                "[PARSE_SYNTAX_ERROR] Syntax error at or near '" + near + "'" + (reason == null ? "" : ": " + reason)
                        + ". SQLSTATE: 42601",
                "42601");
    }

    static SqlFailure unclosedComment() {
        return new SqlFailure(
                "BAD_REQUEST",
                "[UNCLOSED_BRACKETED_COMMENT] Found an unclosed bracketed comment. Please, "
                        + "append */ at the end of the comment. SQLSTATE: 42601",
                "42601");
    }

    static SqlFailure unsupported(String what) {
        return new SqlFailure("BAD_REQUEST", "[UNSUPPORTED_FEATURE] " + what + " SQLSTATE: 0A000", "0A000");
    }
}
