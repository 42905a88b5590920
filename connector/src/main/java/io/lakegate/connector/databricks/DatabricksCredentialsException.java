package io.lakegate.connector.databricks;

/** No Databricks token could be obtained for the caller; the message is safe to show to the caller. */
public class DatabricksCredentialsException extends RuntimeException {

    public DatabricksCredentialsException(String message) {
        super(message);
    }
}
