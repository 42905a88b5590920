package io.lakegate.connector.databricks;

import java.util.List;

/** One page of a Databricks list; {@code nextPageToken} is null at the end (an empty page may still carry a token). */
public record Page<T>(List<T> items, String nextPageToken) {

    public Page {
        items = List.copyOf(items);
        nextPageToken = nextPageToken == null || nextPageToken.isBlank() ? null : nextPageToken;
    }
}
