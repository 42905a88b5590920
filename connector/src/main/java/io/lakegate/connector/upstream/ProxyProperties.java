package io.lakegate.connector.upstream;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.util.unit.DataSize;

/**
 * @param requestTimeout bound of one upstream MCP request (Genie answers can take a while)
 * @param toolListTtl how long an upstream tool list is reused for the same user
 * @param maxResponseSize the largest managed-MCP reply read into memory. Replies up to it are parsed, then cut to the
 *        guard's row and byte limits ({@code lakegate.guard.max-bytes} counts cell bytes; the JSON around the cells
 *        roughly doubles them, hence the larger default); a larger reply fails at once with a typed error instead of
 *        being buffered
 */
@ConfigurationProperties("lakegate.proxy")
public record ProxyProperties(Duration requestTimeout, Duration toolListTtl, DataSize maxResponseSize) {

    public ProxyProperties {
        requestTimeout = requestTimeout == null ? Duration.ofSeconds(120) : requestTimeout;
        toolListTtl = toolListTtl == null ? Duration.ofSeconds(60) : toolListTtl;
        maxResponseSize = maxResponseSize == null ? DataSize.ofMegabytes(48) : maxResponseSize;
        if (maxResponseSize.toBytes() < 64 * 1024 || maxResponseSize.toBytes() > Integer.MAX_VALUE) {
            throw new IllegalArgumentException(
                    "lakegate.proxy.max-response-size must be between 64KB and 2GB, got " + maxResponseSize);
        }
    }
}
