package io.lakegate.connector.databricks;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;

/** Limits for calls to Databricks. */
@ConfigurationProperties("lakegate.databricks")
public record DatabricksProperties(Duration requestTimeout, Integer maxResponseBytes) {

    public DatabricksProperties {
        requestTimeout = requestTimeout == null ? Duration.ofSeconds(30) : requestTimeout;
        maxResponseBytes = maxResponseBytes == null ? 16 * 1024 * 1024 : maxResponseBytes;
    }
}
