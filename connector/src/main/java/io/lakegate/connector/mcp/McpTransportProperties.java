package io.lakegate.connector.mcp;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * {@code lakegate.mcp.*}: hardening of the Streamable HTTP transport on the MCP endpoint (Origin and Host checks are
 * {@link McpHttpProperties}, enforced by the transport's security validator).
 */
@ConfigurationProperties("lakegate.mcp")
public class McpTransportProperties {

    /** Largest accepted request body; larger gets 413. Keep at most {@code spring.codec.max-in-memory-size}. */
    private int maxRequestBytes = 256 * 1024;
    /** Deepest JSON nesting accepted in a request. */
    private int maxJsonDepth = 64;
    /** A session unused this long is evicted; its id then gets 404 and the client re-initializes. */
    private Duration sessionIdleTimeout = Duration.ofMinutes(30);
    /** How long an ended session id is remembered (answered 404 rather than passed on). */
    private Duration sessionTombstoneTtl = Duration.ofHours(2);

    public int getMaxRequestBytes() { return maxRequestBytes; }
    public void setMaxRequestBytes(int maxRequestBytes) { this.maxRequestBytes = maxRequestBytes; }
    public int getMaxJsonDepth() { return maxJsonDepth; }
    public void setMaxJsonDepth(int maxJsonDepth) { this.maxJsonDepth = maxJsonDepth; }
    public Duration getSessionIdleTimeout() { return sessionIdleTimeout; }
    public void setSessionIdleTimeout(Duration sessionIdleTimeout) { this.sessionIdleTimeout = sessionIdleTimeout; }
    public Duration getSessionTombstoneTtl() { return sessionTombstoneTtl; }
    public void setSessionTombstoneTtl(Duration sessionTombstoneTtl) { this.sessionTombstoneTtl = sessionTombstoneTtl; }
}
