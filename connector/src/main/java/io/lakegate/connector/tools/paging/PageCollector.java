package io.lakegate.connector.tools.paging;

import io.lakegate.connector.databricks.Page;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import java.util.function.Predicate;
import reactor.core.publisher.Mono;

/**
 * Follows upstream pagination until {@code limit} kept items are collected, the listing ends, or {@code maxPages}
 * pages were read; reports where to resume. The position is exact even when a page is only partly consumed or items
 * are filtered out (SCI), because it counts raw upstream items within the page.
 */
public final class PageCollector {

    private PageCollector() {}

    /** What one call collected; {@code next} is null when the listing is exhausted. */
    public record Collected<T>(List<T> items, ListingCursor next) {}

    /**
     * @param fetch reads the page at a token (null = first page)
     * @param keepFor decides, once per page, which of its items to keep (e.g. after learning their SCI tags)
     */
    public static <T> Mono<Collected<T>> collect(
            Function<String, Mono<Page<T>>> fetch,
            Function<List<T>, Mono<Predicate<T>>> keepFor,
            ListingCursor start,
            int limit,
            int maxPages) {
        return step(
                fetch, keepFor, start.scope(), start.pageToken(), start.skip(), new ArrayList<>(), limit, maxPages, 0);
    }

    private static <T> Mono<Collected<T>> step(
            Function<String, Mono<Page<T>>> fetch,
            Function<List<T>, Mono<Predicate<T>>> keepFor,
            String scope,
            String token,
            int skip,
            List<T> out,
            int limit,
            int maxPages,
            int pagesRead) {
        return fetch.apply(token)
                .flatMap(page -> keepFor.apply(page.items()).flatMap(keep -> {
                    List<T> raw = page.items();
                    for (int i = Math.min(skip, raw.size()); i < raw.size(); i++) {
                        T item = raw.get(i);
                        if (!keep.test(item)) {
                            continue;
                        }
                        out.add(item);
                        if (out.size() == limit) {
                            ListingCursor next = i + 1 < raw.size()
                                    ? new ListingCursor(scope, token, i + 1)
                                    : page.nextPageToken() != null
                                            ? new ListingCursor(scope, page.nextPageToken(), 0)
                                            : null;
                            return Mono.just(new Collected<>(List.copyOf(out), next));
                        }
                    }
                    if (page.nextPageToken() == null) {
                        return Mono.just(new Collected<>(List.copyOf(out), null));
                    }
                    if (pagesRead + 1 >= maxPages) {
                        return Mono.just(
                                new Collected<>(List.copyOf(out), new ListingCursor(scope, page.nextPageToken(), 0)));
                    }
                    return step(fetch, keepFor, scope, page.nextPageToken(), 0, out, limit, maxPages, pagesRead + 1);
                }));
    }
}
