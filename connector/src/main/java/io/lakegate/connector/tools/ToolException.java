package io.lakegate.connector.tools;

/**
 * A failure the caller should read: becomes a tool result with {@code isError: true} and the text
 * {@code "<code>: <message>"}. Messages name the offending argument or object and never carry tokens or internals.
 */
public class ToolException extends RuntimeException {

    private final ToolErrorCode code;
    private final java.util.Map<String, Object> details;

    public ToolException(ToolErrorCode code, String message) {
        this(code, message, java.util.Map.of());
    }

    /** With machine-readable details for the error's structured content (e.g. the token a query guard refused). */
    public ToolException(ToolErrorCode code, String message, java.util.Map<String, Object> details) {
        super(message, null, false, false);
        this.code = code;
        this.details = java.util.Map.copyOf(details);
    }

    public ToolErrorCode code() {
        return code;
    }

    public java.util.Map<String, Object> details() {
        return details;
    }

    public static ToolException invalidArgument(String message) {
        return new ToolException(ToolErrorCode.INVALID_ARGUMENT, message);
    }

    public static ToolException notFound(String message) {
        return new ToolException(ToolErrorCode.NOT_FOUND, message);
    }
}
