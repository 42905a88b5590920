package io.lakegate.emulator;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** Warehouses, Genie (spaces and conversations), SCIM Me and the two entity tag APIs. */
class WorkspaceApiTest {

    static final String SALES = "01f0a1b2c3d4e5f6a7b8c9d0e1f2a3b4";
    static final String FINANCE = "01f0b2c3d4e5f6a7b8c9d0e1f2a3b4c5";
    static final String PEOPLE = "01f0c3d4e5f6a7b8c9d0e1f2a3b4c5d6";
    static DatabricksEmulator emu;
    static Http http;
    static String alice;
    static String bob;
    static String carol;

    @BeforeAll
    static void start() {
        emu = DatabricksEmulator.start(EmulatorConfig.defaults());
        http = new Http(emu.baseUrl());
        alice = emu.issueToken("alice@lakegate.dev");
        bob = emu.issueToken("bob@lakegate.dev");
        carol = emu.issueToken("carol@lakegate.dev");
    }

    @AfterAll
    static void stop() {
        emu.close();
    }

    static List<String> field(JsonNode array, String name) {
        List<String> out = new ArrayList<>();
        array.forEach(n -> out.add(n.get(name).asString()));
        return out;
    }

    @Test
    void warehousesAreFilteredByCanUseAndPage() {
        JsonNode all = http.get("/api/2.0/sql/warehouses", alice).body();
        assertThat(field(all.get("warehouses"), "name")).containsExactly("Finance Serverless", "Shared Pro Warehouse");
        assertThat(all.has("next_page_token")).isFalse();
        JsonNode w = all.get("warehouses").get(1);
        assertThat(w.get("state").asString()).isEqualTo("RUNNING");
        assertThat(w.get("warehouse_type").asString()).isEqualTo("PRO");
        assertThat(w.at("/odbc_params/path").asString()).isEqualTo("/sql/1.0/warehouses/a1b2c3d4e5f60718");
        assertThat(field(http.get("/api/2.0/sql/warehouses", bob).body().get("warehouses"), "id"))
                .containsExactly("a1b2c3d4e5f60718");
        JsonNode first = http.get("/api/2.0/sql/warehouses?page_size=1", alice).body();
        assertThat(first.get("warehouses").size()).isEqualTo(1);
        JsonNode second = http.get(
                        "/api/2.0/sql/warehouses?page_size=1&page_token="
                                + first.get("next_page_token").asString(),
                        alice)
                .body();
        assertThat(field(second.get("warehouses"), "name")).containsExactly("Shared Pro Warehouse");
        assertThat(http.get("/api/2.0/sql/warehouses/f0e1d2c3b4a59687", bob).status())
                .isEqualTo(403);
        assertThat(http.get("/api/2.0/sql/warehouses/nope", bob)
                        .body()
                        .get("error_code")
                        .asString())
                .isEqualTo("RESOURCE_DOES_NOT_EXIST");
        assertThat(http.get("/api/2.0/sql/warehouses?page_token=garbage", bob).status())
                .isEqualTo(400);
    }

    @Test
    void genieSpacesAreFilteredByCanRun() {
        assertThat(field(http.get("/api/2.0/genie/spaces", alice).body().get("spaces"), "title"))
                .containsExactly("Finance Insights", "People Analytics", "Sales Pipeline");
        assertThat(field(http.get("/api/2.0/genie/spaces", bob).body().get("spaces"), "space_id"))
                .containsExactly(SALES);
        JsonNode page = http.get("/api/2.0/genie/spaces?page_size=2", alice).body();
        assertThat(page.get("spaces").size()).isEqualTo(2);
        assertThat(page.get("next_page_token").asString()).isNotEmpty();
        JsonNode one = http.get("/api/2.0/genie/spaces/" + SALES, bob).body();
        assertThat(one.get("warehouse_id").asString()).isEqualTo("a1b2c3d4e5f60718");
        assertThat(one.has("serialized_space")).isFalse();
        assertThat(http.get("/api/2.0/genie/spaces/" + FINANCE, bob).status()).isEqualTo(403);
        assertThat(http.get("/api/2.0/genie/spaces/" + SALES + "?include_serialized_space=true", bob)
                        .status())
                .isEqualTo(403);
        assertThat(http.get("/api/2.0/genie/spaces/" + SALES + "?include_serialized_space=true", carol)
                        .body()
                        .get("serialized_space")
                        .asString())
                .contains("sales.customers.customer_pii");
    }

    @Test
    void genieConversationGoesThroughStatusesAndServesTheQueryResult() {
        JsonNode started = http.post(
                        "/api/2.0/genie/spaces/" + FINANCE + "/start-conversation",
                        alice,
                        Map.of("content", "What was the profit per month?"))
                .body();
        String conv = started.get("conversation_id").asString();
        String msg = started.get("message_id").asString();
        assertThat(started.at("/message/status").asString()).isEqualTo("ASKING_AI");
        assertThat(started.at("/conversation/id").asString()).isEqualTo(conv);
        String base = "/api/2.0/genie/spaces/" + FINANCE + "/conversations/" + conv + "/messages/" + msg;
        List<String> statuses = new ArrayList<>();
        JsonNode m = null;
        for (int i = 0; i < 100 && !statuses.contains("COMPLETED"); i++) {
            m = http.get(base, alice).body();
            statuses.add(m.get("status").asString());
            pause();
        }
        assertThat(statuses).startsWith("EXECUTING_QUERY").endsWith("COMPLETED");
        JsonNode query = m.at("/attachments/0/query");
        assertThat(query.get("query").asString())
                .isEqualTo("SELECT month, profit FROM finance.reporting.monthly_pnl ORDER BY month");
        assertThat(m.at("/attachments/1/text/content").asString()).isEqualTo("Monthly profit is shown in the table.");
        JsonNode result = http.get(
                        base + "/attachments/"
                                + m.at("/attachments/0/attachment_id").asString() + "/query-result",
                        alice)
                .body();
        assertThat(result.at("/statement_response/manifest/total_row_count").asInt())
                .isEqualTo(12);
        assertThat(http.get(base, bob).status()).isEqualTo(403);

        JsonNode followUp = http.post(
                        "/api/2.0/genie/spaces/" + FINANCE + "/conversations/" + conv + "/messages",
                        alice,
                        Map.of("content", "How many entries are there?"))
                .body();
        assertThat(followUp.get("conversation_id").asString()).isEqualTo(conv);
    }

    @Test
    void genieRunsTheQuestionWithTheCallersGrants() {
        JsonNode started = http.post(
                        "/api/2.0/genie/spaces/" + PEOPLE + "/start-conversation",
                        alice,
                        Map.of("content", "What is the headcount per department?"))
                .body();
        String base = "/api/2.0/genie/spaces/" + PEOPLE + "/conversations/"
                + started.get("conversation_id").asString() + "/messages/"
                + started.get("message_id").asString();
        JsonNode m = null;
        for (int i = 0; i < 100; i++) {
            m = http.get(base, alice).body();
            if (m.get("status").asString().equals("FAILED")
                    || m.get("status").asString().equals("COMPLETED")) {
                break;
            }
            pause();
        }
        assertThat(m.get("status").asString()).isEqualTo("FAILED");
        assertThat(m.at("/error/type").asString()).isEqualTo("SQL_EXECUTION_EXCEPTION");
        assertThat(m.at("/error/error").asString()).contains("USE CATALOG");
    }

    @Test
    void scimMeDescribesTheCaller() {
        Http.Response r = http.get("/api/2.0/preview/scim/v2/Me", bob);
        assertThat(r.body().get("userName").asString()).isEqualTo("bob@lakegate.dev");
        assertThat(r.body().get("displayName").asString()).isEqualTo("Bob Builder");
        assertThat(r.body().at("/name/givenName").asString()).isEqualTo("Bob");
        assertThat(r.body().at("/emails/0/value").asString()).isEqualTo("bob@lakegate.dev");
        assertThat(r.body().at("/groups/0/display").asString()).isEqualTo("sales-readers");
        assertThat(r.body().at("/schemas/0").asString()).isEqualTo("urn:ietf:params:scim:schemas:core:2.0:User");
    }

    @Test
    void ucEntityTagsPerObject() {
        JsonNode col = http.get(
                        "/api/2.1/unity-catalog/entity-tag-assignments/columns/sales.customers.customers.email/tags",
                        bob)
                .body();
        // sorted by key: automatic classification's class.email_address, then the seed's classification=SCI
        assertThat(col.at("/tag_assignments/0/tag_key").asString()).isEqualTo("class.email_address");
        assertThat(col.at("/tag_assignments/1/tag_key").asString()).isEqualTo("classification");
        assertThat(col.at("/tag_assignments/1/tag_value").asString()).isEqualTo("SCI");
        assertThat(col.at("/tag_assignments/1/entity_name").asString()).isEqualTo("sales.customers.customers.email");
        assertThat(http.get(
                                "/api/2.1/unity-catalog/entity-tag-assignments/tables/sales.customers.customer_pii/tags",
                                alice)
                        .body()
                        .at("/tag_assignments/0/tag_value")
                        .asString())
                .isEqualTo("SCI");
        assertThat(http.get(
                                "/api/2.1/unity-catalog/entity-tag-assignments/tables/sales.customers.customer_pii/tags",
                                bob)
                        .status())
                .isEqualTo(403);
        assertThat(http.get("/api/2.1/unity-catalog/entity-tag-assignments/catalogs/hr/tags", carol)
                        .body()
                        .at("/tag_assignments/0/entity_name")
                        .asString())
                .isEqualTo("hr");
        assertThat(http.get(
                                "/api/2.1/unity-catalog/entity-tag-assignments/schemas/finance.payroll/tags/classification",
                                alice)
                        .body()
                        .get("tag_value")
                        .asString())
                .isEqualTo("SCI");
        assertThat(http.get("/api/2.1/unity-catalog/entity-tag-assignments/tables/sales.orders.orders/tags", bob)
                        .body()
                        .get("tag_assignments")
                        .size())
                .isZero();
        assertThat(http.get("/api/2.1/unity-catalog/entity-tag-assignments/widgets/x/tags", bob)
                        .status())
                .isEqualTo(400);
    }

    @Test
    void workspaceTagsMarkTheSciGenieSpace() {
        JsonNode tags = http.get("/api/2.0/entity-tag-assignments/geniespaces/" + PEOPLE + "/tags", alice)
                .body();
        assertThat(tags.at("/tag_assignments/0/tag_key").asString()).isEqualTo("classification");
        assertThat(tags.at("/tag_assignments/0/tag_value").asString()).isEqualTo("SCI");
        assertThat(tags.at("/tag_assignments/0/entity_id").asString()).isEqualTo(PEOPLE);
        // the Sales space carries only a governed, non-SCI tag
        JsonNode sales = http.get("/api/2.0/entity-tag-assignments/geniespaces/" + SALES + "/tags", bob)
                .body();
        assertThat(sales.get("tag_assignments").size()).isEqualTo(1);
        assertThat(sales.at("/tag_assignments/0/tag_key").asString()).isEqualTo("data_domain");
        assertThat(http.get("/api/2.0/entity-tag-assignments/geniespaces/" + PEOPLE + "/tags", bob)
                        .status())
                .isEqualTo(403);
    }

    /** Pause between polls, as real clients do (bounded by the loop count). */
    static void pause() {
        try {
            Thread.sleep(100);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
