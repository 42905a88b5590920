package io.lakegate.connector.dedup;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;

/** {@code lakegate.dedup.*}: sharing of identical read-only tool calls by the same user. */
@ConfigurationProperties("lakegate.dedup")
public class DedupProperties {

    private boolean enabled = true;
    /** How long a finished result is reused for an identical call (about one agent turn). */
    private Duration ttl = Duration.ofSeconds(5);

    private long maxEntries = 10_000;

    public boolean isEnabled() {
        return enabled;
    }

    public void setEnabled(boolean enabled) {
        this.enabled = enabled;
    }

    public Duration getTtl() {
        return ttl;
    }

    public void setTtl(Duration ttl) {
        this.ttl = ttl;
    }

    public long getMaxEntries() {
        return maxEntries;
    }

    public void setMaxEntries(long maxEntries) {
        this.maxEntries = maxEntries;
    }
}
