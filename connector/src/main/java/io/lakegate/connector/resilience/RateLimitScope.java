package io.lakegate.connector.resilience;

/** What a rate limit is counted against. */
public enum RateLimitScope {
    USER("user"),
    CLIENT("OAuth client"),
    WORKSPACE("workspace"),
    TOOL("tool");

    private final String label;

    RateLimitScope(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }
}
