package io.lakegate.connector.tools;

/**
 * A failure the caller should read: becomes a tool result with {@code isError: true} and the text
 * {@code "<code>: <message>"}. Messages name the offending argument or object and never carry tokens or internals.
 */
public class ToolException extends RuntimeException {

    private final ToolErrorCode code;

    public ToolException(ToolErrorCode code, String message) {
        super(message, null, false, false);
        this.code = code;
    }

    public ToolErrorCode code() {
        return code;
    }

    public static ToolException invalidArgument(String message) {
        return new ToolException(ToolErrorCode.INVALID_ARGUMENT, message);
    }

    public static ToolException notFound(String message) {
        return new ToolException(ToolErrorCode.NOT_FOUND, message);
    }
}
