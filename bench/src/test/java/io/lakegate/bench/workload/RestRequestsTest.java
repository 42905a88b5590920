package io.lakegate.bench.workload;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.lakegate.bench.load.Operation;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RestRequestsTest {

    private final RestRequests requests = new RestRequests(100);
    private final Workload workload =
            new Workload("sales", "customers", "sales.orders.orders", "marketing", "campaign%");

    @Test
    void listTablesAsksLikeLakegatesClientAndIsPaged() {
        RestRequests.Listing listing = requests.of(workload.listTables());
        assertThat(listing.paged()).isTrue();
        assertThat(listing.pathAndQuery())
                .isEqualTo("/api/2.1/unity-catalog/tables?catalog_name=sales&max_results=100"
                        + "&omit_columns=true&omit_properties=true&schema_name=customers");
        assertThat(listing.withPageToken("a b+c")).endsWith("&page_token=a%20b%2Bc");
    }

    @Test
    void getTableIsOneUnpagedRequestWithAnEncodedName() {
        RestRequests.Listing listing = requests.of(
                Operation.tool(Workload.GET_TABLE, Map.of(Workload.ARG_FULL_NAME, "sales.orders.weird name")));
        assertThat(listing.paged()).isFalse();
        assertThat(listing.pathAndQuery()).isEqualTo("/api/2.1/unity-catalog/tables/sales.orders.weird%20name");
    }

    @Test
    void searchUsesTableSummariesWithTheToolsLikeRule() {
        assertThat(requests.of(workload.searchTables()).pathAndQuery())
                .isEqualTo(
                        "/api/2.1/unity-catalog/table-summaries"
                                + "?catalog_name=marketing&max_results=100&schema_name_pattern=%25&table_name_pattern=campaign%25");
        assertThat(RestRequests.likePattern("orders")).isEqualTo("%orders%");
        assertThat(RestRequests.likePattern("stg_%")).isEqualTo("stg_%");
    }

    @Test
    void toolsWithoutARestEquivalentAreRefused() {
        assertThatThrownBy(() -> requests.of(Operation.listTools())).isInstanceOf(IllegalArgumentException.class);
    }
}
