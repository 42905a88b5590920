package io.lakegate.connector.sci;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * @param cacheTtl how long learned tags are trusted; a newly applied SCI tag is honoured within this delay (plus the
 *        lag of information_schema itself)
 * @param maxEntries bound of each per-user cache
 * @param lookupConcurrency parallel per-object tag calls when no bulk route is available
 */
@ConfigurationProperties("lakegate.sci")
public record SciProperties(Duration cacheTtl, Integer maxEntries, Integer lookupConcurrency) {

    public SciProperties {
        cacheTtl = cacheTtl == null ? Duration.ofSeconds(60) : cacheTtl;
        maxEntries = maxEntries == null ? 10_000 : maxEntries;
        lookupConcurrency = lookupConcurrency == null ? 8 : lookupConcurrency;
    }
}
