package io.lakegate.connector.workspace;

/**
 * A call named no workspace and none of the candidates accepts the caller: the caller must name one. Its message lists
 * the candidates' names only. The tool pipeline answers it as {@code INVALID_ARGUMENT}.
 */
public class NoAccessibleWorkspaceException extends RuntimeException {

    public NoAccessibleWorkspaceException(String message) {
        super(message, null, false, false);
    }
}
