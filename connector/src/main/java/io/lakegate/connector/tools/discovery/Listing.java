package io.lakegate.connector.tools.discovery;

import io.lakegate.connector.tools.ToolCall;
import io.lakegate.connector.tools.paging.ListingCursor;
import org.springframework.stereotype.Component;

/** Reads the paging arguments ({@code limit}, {@code cursor}) shared by the discovery tools. */
@Component
public class Listing {

    /** JSON Schema properties of the paging arguments, to splice into a tool's schema. */
    public static final String PAGING_PROPERTIES = """
            "limit": {"type": "integer", "minimum": 1, "maximum": 500,
                      "description": "Maximum number of items to return (default 100, at most 500)."},
            "cursor": {"type": "string", "minLength": 1,
                       "description": "The next_cursor of a previous call with the same other arguments, to continue that listing."}""";

    /** The output schema's {@code next_cursor}, the other half of {@link #PAGING_PROPERTIES}. */
    public static final String NEXT_CURSOR_PROPERTY = """
            "next_cursor": {"type": "string", "description": "Pass as `cursor` to continue this listing; absent on the last page."}""";

    /** Sentence for tool descriptions. */
    public static final String PAGING_HELP =
            "Returns at most `limit` items (default 100, max 500); when the result has "
                    + "`next_cursor`, call again with `cursor` set to it (and the same other arguments) for more.";

    private final ListingProperties properties;

    public Listing(ListingProperties properties) {
        this.properties = properties;
    }

    public int limit(ToolCall call) {
        return call.arguments().optionalInt("limit", properties.defaultLimit(), 1, properties.maxLimit());
    }

    /** @param listingKey identifies the listing: tool, workspace and every argument that shapes the result */
    public ListingCursor cursor(ToolCall call, String listingKey) {
        return ListingCursor.decode(call.arguments().optionalString("cursor").orElse(null), listingKey);
    }

    public static String key(ToolCall call, String... parts) {
        return call.toolName() + "|" + call.workspace().name() + "|" + String.join("|", parts);
    }

    public int pageSize() {
        return properties.upstreamPageSize();
    }

    public int maxPages() {
        return properties.maxPages();
    }
}
