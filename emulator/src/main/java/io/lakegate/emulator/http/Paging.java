package io.lakegate.emulator.http;

import java.util.List;
import java.util.Optional;
import org.springframework.web.reactive.function.server.ServerRequest;

/**
 * The two pagination dialects of the Databricks REST API.
 *
 * <p>Unity Catalog ({@code max_results} + {@code page_token}): absent {@code max_results} returns everything, {@code 0}
 * means the server page size, {@code >0} is capped by {@link #UC_MAX_CAP}, {@code <0} is a 400. A list ends only when
 * {@code next_page_token} is absent; like real UC, a multi-page listing serves one empty page that still carries a token
 * (deterministically the second request), so clients that stop at an empty page are caught.
 *
 * <p>Workspace APIs (Genie, warehouses: {@code page_size} + {@code page_token}) never serve empty pages.
 */
public final class Paging {

    public static final int UC_MAX_CAP = 1000;

    /** One page of items and the token for the next one (null at the end). */
    public record Page<T>(List<T> items, String nextPageToken) {}

    private Paging() {}

    public static <T> Page<T> unityCatalog(ServerRequest req, List<T> all, int serverPageSize, String listing) {
        Optional<String> maxParam = req.queryParam("max_results");
        Optional<String> tokenParam = req.queryParam("page_token").filter(s -> !s.isEmpty());
        Integer max = maxParam.map(v -> parseInt("max_results", v)).orElse(null);
        if (max != null && max < 0) {
            throw ApiException.invalidParameter("max_results must be greater than or equal to 0, got " + max + ".");
        }
        PageTokens.Cursor cursor =
                tokenParam.map(t -> PageTokens.decode(listing, t)).orElse(new PageTokens.Cursor(0, false));
        if (max == null && tokenParam.isEmpty()) {
            return new Page<>(all, null);
        }
        int size = (max == null || max == 0) ? serverPageSize : Math.min(max, UC_MAX_CAP);
        if (cursor.offset() > 0 && !cursor.emptyPageServed() && cursor.offset() < all.size()) {
            return new Page<>(List.of(), PageTokens.encode(listing, new PageTokens.Cursor(cursor.offset(), true)));
        }
        return slice(all, cursor, size, listing);
    }

    public static <T> Page<T> workspace(
            ServerRequest req, List<T> all, Integer defaultPageSize, int maxPageSize, String listing) {
        Integer size =
                req.queryParam("page_size").map(v -> parseInt("page_size", v)).orElse(null);
        if (size != null && size < 0) {
            throw ApiException.invalidParameter("page_size must be greater than or equal to 0, got " + size + ".");
        }
        Optional<String> tokenParam = req.queryParam("page_token").filter(s -> !s.isEmpty());
        PageTokens.Cursor cursor =
                tokenParam.map(t -> PageTokens.decode(listing, t)).orElse(new PageTokens.Cursor(0, true));
        Integer effective =
                (size == null || size == 0) ? defaultPageSize : Integer.valueOf(Math.min(size, maxPageSize));
        if (effective == null) {
            return new Page<>(all.subList(Math.min(cursor.offset(), all.size()), all.size()), null);
        }
        return slice(all, cursor, effective, listing);
    }

    private static <T> Page<T> slice(List<T> all, PageTokens.Cursor cursor, int size, String listing) {
        int from = Math.min(cursor.offset(), all.size());
        int to = Math.min(from + size, all.size());
        String next = to < all.size()
                ? PageTokens.encode(listing, new PageTokens.Cursor(to, cursor.emptyPageServed()))
                : null;
        return new Page<>(all.subList(from, to), next);
    }

    private static int parseInt(String name, String value) {
        try {
            return Integer.parseInt(value);
        } catch (NumberFormatException e) {
            throw ApiException.invalidParameter("Invalid value for " + name + ": '" + value + "' is not an integer.");
        }
    }
}
