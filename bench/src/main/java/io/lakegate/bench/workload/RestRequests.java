package io.lakegate.bench.workload;

import io.lakegate.bench.load.Operation;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The Databricks REST requests a discovery tool makes, so the same discovery can be sent straight to the emulator as
 * the overhead baseline. The parameters are those Lakegate's Databricks client sends ({@code max_results} = its upstream
 * page size, 100; column and property omission on table lists). Paged listings ({@link Listing#paged()}) are followed until {@code next_page_token} is absent,
 * exactly as the tools do.
 */
public final class RestRequests {

    private static final String UC = "/api/2.1/unity-catalog";
    /** Lakegate's default {@code lakegate.tools.listing.upstream-page-size}; the peer asks for the same. */
    public static final int UPSTREAM_PAGE_SIZE = 100;

    /** The first request of a discovery operation and whether its answer is a Unity Catalog paged listing. */
    public record Listing(String pathAndQuery, boolean paged) {
        public String withPageToken(String token) {
            return pathAndQuery + "&page_token=" + encode(token);
        }
    }

    private final int pageSize;

    public RestRequests(int pageSize) {
        this.pageSize = pageSize;
    }

    public Listing of(Operation operation) {
        Map<String, Object> a = operation.arguments();
        switch (operation.name()) {
            case Workload.LIST_CATALOGS -> {
                return new Listing(UC + "/catalogs?" + query(Map.of()), true);
            }
            case Workload.LIST_TABLES -> {
                return new Listing(
                        UC + "/tables?"
                                + query(Map.of(
                                        "catalog_name",
                                        a.get(Workload.ARG_CATALOG),
                                        "schema_name",
                                        a.get(Workload.ARG_SCHEMA),
                                        "omit_columns",
                                        "true",
                                        "omit_properties",
                                        "true")),
                        true);
            }
            case Workload.GET_TABLE -> {
                return new Listing(UC + "/tables/" + encode(String.valueOf(a.get(Workload.ARG_FULL_NAME))), false);
            }
            case Workload.SEARCH_TABLES -> {
                return new Listing(
                        UC + "/table-summaries?"
                                + query(Map.of(
                                        "catalog_name",
                                        a.get(Workload.ARG_CATALOG),
                                        "schema_name_pattern",
                                        "%",
                                        "table_name_pattern",
                                        likePattern(String.valueOf(a.get(Workload.ARG_QUERY))))),
                        true);
            }
            default -> throw new IllegalArgumentException("no REST equivalent for " + operation.name());
        }
    }

    /** search_tables' rule: a query containing % is a LIKE pattern, anything else a substring. */
    static String likePattern(String query) {
        return query.contains("%") ? query : "%" + query + "%";
    }

    private String query(Map<String, Object> params) {
        Map<String, Object> all = new LinkedHashMap<>(params);
        all.put("max_results", pageSize);
        return all.entrySet().stream()
                .sorted(Map.Entry.comparingByKey())
                .map(e -> e.getKey() + "=" + encode(String.valueOf(e.getValue())))
                .collect(Collectors.joining("&"));
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
    }
}
