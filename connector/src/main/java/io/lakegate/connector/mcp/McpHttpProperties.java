package io.lakegate.connector.mcp;

import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Browser-facing protections of the MCP endpoint.
 *
 * @param allowedOrigins Origin header values accepted (port wildcard {@code :*} allowed); a request with another
 *        Origin gets 403 (DNS-rebinding protection). Requests without Origin (non-browser clients) pass.
 * @param allowedHosts Host header values accepted; empty = not checked (set it to the public host name in production)
 */
@ConfigurationProperties("lakegate.mcp")
public record McpHttpProperties(List<String> allowedOrigins, List<String> allowedHosts) {

    public McpHttpProperties {
        allowedOrigins = allowedOrigins == null || allowedOrigins.isEmpty()
                ? List.of("http://localhost:*", "http://127.0.0.1:*", "http://[::1]:*")
                : List.copyOf(allowedOrigins);
        allowedHosts = allowedHosts == null ? List.of() : List.copyOf(allowedHosts);
    }
}
