package io.lakegate.connector.mcp;

/** Startup refusal: no identity implementation serves the configured {@code lakegate.auth.mode}. */
public class UnsupportedAuthModeException extends RuntimeException {

    private final String mode;

    public UnsupportedAuthModeException(String mode) {
        super("lakegate.auth.mode=" + (mode == null ? "(unset)" : mode) + " has no identity implementation");
        this.mode = mode;
    }

    public String mode() {
        return mode;
    }
}
