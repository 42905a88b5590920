package io.lakegate.connector.paging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.lakegate.connector.databricks.Page;
import io.lakegate.connector.tools.ToolException;
import io.lakegate.connector.tools.paging.ListingCursor;
import io.lakegate.connector.tools.paging.PageCollector;
import io.lakegate.connector.tools.paging.PageCollector.Collected;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Mono;

/** An in-memory paged source (pages of 5, token = index of the page's first item) drives the collector. */
class PageCollectorTest {

    private final List<Integer> all = IntStream.range(0, 23).boxed().toList();
    private final List<String> tokensAsked = new ArrayList<>();

    private Mono<Page<Integer>> fetch(String token) {
        tokensAsked.add(token);
        int from = token == null ? 0 : Integer.parseInt(token);
        int to = Math.min(from + 5, all.size());
        return Mono.just(new Page<>(all.subList(from, to), to < all.size() ? String.valueOf(to) : null));
    }

    private static Function<List<Integer>, Mono<Predicate<Integer>>> keep(Predicate<Integer> p) {
        return page -> Mono.just(p);
    }

    private List<Integer> drain(Predicate<Integer> filter, int limit) {
        List<Integer> seen = new ArrayList<>();
        ListingCursor cursor = ListingCursor.START;
        for (int call = 0; call < 50; call++) {
            Collected<Integer> r = PageCollector.collect(this::fetch, keep(filter), cursor, limit, 100)
                    .block();
            assertThat(r.items().size()).isLessThanOrEqualTo(limit);
            seen.addAll(r.items());
            if (r.next() == null) {
                return seen;
            }
            // round-trip through the opaque client form, as a real client would
            cursor = ListingCursor.decode(r.next().encode("k"), "k");
        }
        throw new AssertionError("listing did not end");
    }

    @Test
    void resumesExactlyAcrossPartlyConsumedPages() {
        for (int limit : new int[] {1, 3, 5, 7, 23, 500}) {
            assertThat(drain(i -> true, limit)).as("limit " + limit).isEqualTo(all);
        }
    }

    @Test
    void filteredItemsNeverAppearAndNoneIsSkippedOrRepeated() {
        Predicate<Integer> even = i -> i % 2 == 0;
        assertThat(drain(even, 4)).isEqualTo(all.stream().filter(even).toList());
    }

    @Test
    void stopsAtTheLimitWithoutReadingFurtherPages() {
        Collected<Integer> r = PageCollector.collect(this::fetch, keep(i -> true), ListingCursor.START, 5, 100)
                .block();
        assertThat(r.items()).containsExactly(0, 1, 2, 3, 4);
        assertThat(r.next().pageToken()).isEqualTo("5");
        assertThat(tokensAsked).containsExactly((String) null);
    }

    @Test
    void emptyPagesWithATokenAreFollowedAndPageBudgetYieldsACursor() {
        Function<String, Mono<Page<Integer>>> emptyThenData = token -> token == null
                ? Mono.just(new Page<>(List.of(), "a"))
                : "a".equals(token) ? Mono.just(new Page<>(List.of(), "b")) : Mono.just(new Page<>(List.of(42), null));
        assertThat(PageCollector.collect(emptyThenData, keep(i -> true), ListingCursor.START, 10, 10)
                        .block()
                        .items())
                .containsExactly(42);
        Collected<Integer> budget = PageCollector.collect(emptyThenData, keep(i -> true), ListingCursor.START, 10, 2)
                .block();
        assertThat(budget.items()).isEmpty();
        assertThat(budget.next().pageToken()).isEqualTo("b");
    }

    @Test
    void cursorIsBoundToItsListing() {
        String encoded = new ListingCursor("sales", "tok", 3).encode("list_tables|demo|sales|orders");
        assertThat(ListingCursor.decode(encoded, "list_tables|demo|sales|orders"))
                .isEqualTo(new ListingCursor("sales", "tok", 3));
        assertThatThrownBy(() -> ListingCursor.decode(encoded, "list_tables|demo|sales|reference"))
                .isInstanceOf(ToolException.class)
                .hasMessageContaining("argument 'cursor'");
        assertThatThrownBy(() -> ListingCursor.decode("not base64 !", "k")).isInstanceOf(ToolException.class);
        assertThatThrownBy(() -> ListingCursor.decode("e30", "k")).isInstanceOf(ToolException.class);
    }
}
