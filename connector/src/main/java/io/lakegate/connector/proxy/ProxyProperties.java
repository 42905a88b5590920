package io.lakegate.connector.proxy;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * @param requestTimeout bound of one upstream MCP request (Genie answers can take a while)
 * @param toolListTtl how long an upstream tool list is reused for the same user
 */
@ConfigurationProperties("lakegate.proxy")
public record ProxyProperties(Duration requestTimeout, Duration toolListTtl) {

    public ProxyProperties {
        requestTimeout = requestTimeout == null ? Duration.ofSeconds(120) : requestTimeout;
        toolListTtl = toolListTtl == null ? Duration.ofSeconds(60) : toolListTtl;
    }
}
