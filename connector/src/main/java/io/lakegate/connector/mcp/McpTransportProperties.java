package io.lakegate.connector.mcp;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * {@code lakegate.mcp.*}: limits and sessions of the MCP endpoint (Origin and Host checks are
 * {@link McpHttpProperties}).
 */
@ConfigurationProperties("lakegate.mcp")
public class McpTransportProperties {

    /** Largest accepted request body; larger gets 413. Keep at most {@code spring.codec.max-in-memory-size}. */
    private int maxRequestBytes = 256 * 1024;
    /** Deepest JSON nesting accepted in a request. */
    private int maxJsonDepth = 64;
    /**
     * Lifetime of a handshake-era session id; after it the id gets 404 and the client initializes again. Sessions
     * carry no state, so this only bounds how long a leaked id stays usable (by its own user only).
     */
    private Duration sessionMaxAge = Duration.ofHours(24);
    /**
     * Secret every replica shares to sign and verify session ids (any text of at least 32 characters). Unset: derived
     * from {@code lakegate.oauth-proxy.signing-key}; neither set: a random key per process (one replica only,
     * sessions end on restart).
     */
    private String sessionKey;
    /** {@code ttlMs} on list and discovery results of protocol 2026-07-28 (how long clients may cache them). */
    private Duration listCacheTtl = Duration.ofMinutes(5);

    public int getMaxRequestBytes() {
        return maxRequestBytes;
    }

    public void setMaxRequestBytes(int maxRequestBytes) {
        this.maxRequestBytes = maxRequestBytes;
    }

    public int getMaxJsonDepth() {
        return maxJsonDepth;
    }

    public void setMaxJsonDepth(int maxJsonDepth) {
        this.maxJsonDepth = maxJsonDepth;
    }

    public Duration getSessionMaxAge() {
        return sessionMaxAge;
    }

    public void setSessionMaxAge(Duration sessionMaxAge) {
        this.sessionMaxAge = sessionMaxAge;
    }

    public String getSessionKey() {
        return sessionKey;
    }

    public void setSessionKey(String sessionKey) {
        this.sessionKey = sessionKey;
    }

    public Duration getListCacheTtl() {
        return listCacheTtl;
    }

    public void setListCacheTtl(Duration listCacheTtl) {
        this.listCacheTtl = listCacheTtl;
    }
}
