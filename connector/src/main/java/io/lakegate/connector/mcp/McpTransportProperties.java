package io.lakegate.connector.mcp;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.springframework.boot.context.properties.ConfigurationProperties;

/** {@code lakegate.mcp.*}: hardening of the Streamable HTTP transport on the MCP endpoint. */
@ConfigurationProperties("lakegate.mcp")
public class McpTransportProperties {

    /**
     * Browser origins allowed to call the endpoint ({@code https://app.example.com}, {@code http://localhost:*} for
     * any port). A request without {@code Origin} (every non-browser MCP client) is not affected; one with any other
     * origin gets 403 (DNS-rebinding protection).
     */
    private List<String> allowedOrigins = new ArrayList<>();
    /** Largest accepted request body; larger gets 413. Keep at most {@code spring.codec.max-in-memory-size}. */
    private int maxRequestBytes = 256 * 1024;
    /** Deepest JSON nesting accepted in a request. */
    private int maxJsonDepth = 64;
    /** A session unused this long is evicted; its id then gets 404 and the client re-initializes. */
    private Duration sessionIdleTimeout = Duration.ofMinutes(30);
    /** How long an ended session id is remembered (answered 404 rather than passed on). */
    private Duration sessionTombstoneTtl = Duration.ofHours(2);

    public List<String> getAllowedOrigins() { return allowedOrigins; }
    public void setAllowedOrigins(List<String> allowedOrigins) { this.allowedOrigins = allowedOrigins; }
    public int getMaxRequestBytes() { return maxRequestBytes; }
    public void setMaxRequestBytes(int maxRequestBytes) { this.maxRequestBytes = maxRequestBytes; }
    public int getMaxJsonDepth() { return maxJsonDepth; }
    public void setMaxJsonDepth(int maxJsonDepth) { this.maxJsonDepth = maxJsonDepth; }
    public Duration getSessionIdleTimeout() { return sessionIdleTimeout; }
    public void setSessionIdleTimeout(Duration sessionIdleTimeout) { this.sessionIdleTimeout = sessionIdleTimeout; }
    public Duration getSessionTombstoneTtl() { return sessionTombstoneTtl; }
    public void setSessionTombstoneTtl(Duration sessionTombstoneTtl) { this.sessionTombstoneTtl = sessionTombstoneTtl; }
}
