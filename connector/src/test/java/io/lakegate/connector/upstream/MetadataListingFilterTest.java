package io.lakegate.connector.upstream;

import static org.assertj.core.api.Assertions.assertThat;

import io.lakegate.connector.guard.JsonTrees;
import io.lakegate.connector.guard.MetadataListing;
import io.lakegate.connector.guard.MetadataListing.Kind;
import io.lakegate.connector.sci.SciTags;
import io.lakegate.connector.sci.SecurableRef;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class MetadataListingFilterTest {

    /** hr is an SCI catalog, finance.payroll an SCI schema, sales.customers.customer_pii an SCI table, email a column. */
    private static final SciTags TAGS = SciTags.of(Set.of(
            SecurableRef.catalog("hr"),
            SecurableRef.schema("finance", "payroll"),
            SecurableRef.table("sales", "customers", "customer_pii"),
            SecurableRef.table("sales", "customers", "customers").column("email")));

    /** A managed-MCP shaped result: proto cells. */
    private static Map<String, Object> result(List<String> columns, List<List<String>> rows) {
        List<Object> protoRows = new ArrayList<>();
        rows.forEach(r -> protoRows.add(Map.of(
                "values",
                r.stream().map(v -> (Object) Map.of("string_value", v)).toList())));
        return Map.of(
                "statement_id",
                "s",
                "manifest",
                Map.of(
                        "schema",
                        Map.of(
                                "columns",
                                columns.stream()
                                        .map(c -> (Object) Map.of("name", c))
                                        .toList()),
                        "total_row_count",
                        rows.size()),
                "result",
                Map.of("data_array", protoRows));
    }

    private static List<String> firstCells(MetadataListingFilter.Filtered f) {
        List<String> out = new ArrayList<>();
        JsonTrees.array(JsonTrees.object(f.result().get("result")).get("data_array"))
                .forEach(r -> out.add(MetadataListingFilter.cell(r, 0)));
        return out;
    }

    private static MetadataListingFilter.Filtered filter(MetadataListing listing, Map<String, Object> result) {
        // the refs the caller must fetch tags for cover every row
        assertThat(MetadataListingFilter.named(listing, result)).isNotEmpty();
        return MetadataListingFilter.filter(listing, result, TAGS);
    }

    @Test
    void showCatalogsDropsSciCatalogs() {
        var f = filter(
                new MetadataListing(Kind.CATALOGS, null, null, null),
                result(List.of("catalog"), List.of(List.of("sales"), List.of("hr"), List.of("finance"))));
        assertThat(firstCells(f)).containsExactly("sales", "finance");
        assertThat(f.dropped()).isEqualTo(1);
        assertThat(f.result().toString()).contains("total_row_count=2");
    }

    @Test
    void showSchemasDropsSciSchemasAndEverythingOfAnSciCatalog() {
        var f = filter(
                new MetadataListing(Kind.SCHEMAS, "finance", null, null),
                result(List.of("databaseName"), List.of(List.of("ledger"), List.of("payroll"), List.of("reporting"))));
        assertThat(firstCells(f)).containsExactly("ledger", "reporting");
        var hr = filter(
                new MetadataListing(Kind.SCHEMAS, "hr", null, null),
                result(List.of("databaseName"), List.of(List.of("people"))));
        assertThat(firstCells(hr)).isEmpty();
    }

    @Test
    void showTablesDropsSciTablesUsingTheRowsNamespace() {
        var f = filter(
                new MetadataListing(Kind.TABLES, "sales", "customers", null),
                result(
                        List.of("database", "tableName", "isTemporary"),
                        List.of(
                                List.of("customers", "customers", "false"),
                                List.of("customers", "customer_pii", "false"),
                                List.of("customers", "customer_segments", "false"))));
        assertThat(JsonTrees.object(f.result().get("result")).toString())
                .doesNotContain("customer_pii")
                .contains("customer_segments");
        assertThat(f.dropped()).isEqualTo(1);
    }

    @Test
    void showColumnsAndDescribeDropSciColumnsButKeepSectionRows() {
        var columns = filter(
                new MetadataListing(Kind.COLUMNS, "sales", "customers", "customers"),
                result(List.of("col_name"), List.of(List.of("customer_id"), List.of("email"), List.of("name"))));
        assertThat(firstCells(columns)).containsExactly("customer_id", "name");
        var describe = filter(
                new MetadataListing(Kind.DESCRIBE_TABLE, "sales", "customers", "customers"),
                result(
                        List.of("col_name", "data_type", "comment"),
                        List.of(
                                List.of("customer_id", "int", ""),
                                List.of("EMAIL", "string", "contact"),
                                List.of("", "", ""),
                                List.of("# Partition Information", "", ""))));
        assertThat(firstCells(describe)).containsExactly("customer_id", "", "# Partition Information");
    }

    @Test
    void failsClosedWhenTheNameColumnIsMissingOrTheNamespaceIsSci() {
        var unknownShape = filter(
                new MetadataListing(Kind.TABLES, "sales", "orders", null),
                result(List.of("something_else"), List.of(List.of("orders"))));
        assertThat(firstCells(unknownShape)).isEmpty();
        var sciTable = filter(
                new MetadataListing(Kind.DESCRIBE_TABLE, "sales", "customers", "customer_pii"),
                result(List.of("col_name", "data_type", "comment"), List.of(List.of("iban", "string", ""))));
        assertThat(firstCells(sciTable)).isEmpty();
    }

    @Test
    void restShapedRowsAreFilteredToo() {
        Map<String, Object> rest = Map.of(
                "manifest",
                Map.of("schema", Map.of("columns", List.of(Map.of("name", "catalog")))),
                "result",
                Map.of("data_array", List.of(List.of("hr"), List.of("sales")), "row_count", 2));
        var f = MetadataListingFilter.filter(new MetadataListing(Kind.CATALOGS, null, null, null), rest, TAGS);
        assertThat(firstCells(f)).containsExactly("sales");
        assertThat(f.result().toString()).contains("row_count=1");
    }
}
