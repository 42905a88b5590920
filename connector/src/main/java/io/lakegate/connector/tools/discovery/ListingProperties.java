package io.lakegate.connector.tools.discovery;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Bounds of one discovery call.
 *
 * @param defaultLimit items returned when the caller gives no {@code limit}
 * @param maxLimit the documented cap of {@code limit}
 * @param upstreamPageSize page size asked of Databricks
 * @param maxPages upstream pages read by one call at most (empty pages with a token exist)
 */
@ConfigurationProperties("lakegate.tools.listing")
public record ListingProperties(Integer defaultLimit, Integer maxLimit, Integer upstreamPageSize, Integer maxPages) {

    public static final int CAP = 500;

    public ListingProperties {
        defaultLimit = defaultLimit == null ? 100 : defaultLimit;
        maxLimit = maxLimit == null ? CAP : Math.min(maxLimit, CAP);
        upstreamPageSize = upstreamPageSize == null ? 100 : upstreamPageSize;
        maxPages = maxPages == null ? 50 : maxPages;
    }
}
