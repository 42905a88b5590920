package io.lakegate.connector.workspace;

/** The registry cannot be read or does not validate; the message names every problem and never holds secrets. */
public class InvalidWorkspaceRegistryException extends RuntimeException {

    public InvalidWorkspaceRegistryException(String message) {
        super(message);
    }
}
