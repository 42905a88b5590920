package io.lakegate.emulator;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * The seed's automatic-classification ({@code class.*}) column tags and governed Genie-space tag, as the UC entity-tag
 * API and information_schema serve them, and the default {@code classification=SCI} meaning left unchanged.
 */
class GovernedTagsSeedTest {

    static final String WAREHOUSE = "a1b2c3d4e5f60718";
    static final String SALES_SPACE = "01f0a1b2c3d4e5f6a7b8c9d0e1f2a3b4";
    static DatabricksEmulator emu;
    static Http http;

    @BeforeAll
    static void start() {
        emu = DatabricksEmulator.start(EmulatorConfig.defaults());
        http = new Http(emu.baseUrl());
    }

    @AfterAll
    static void stop() {
        emu.close();
    }

    @Test
    void bothEmailColumnsCarryTheSystemClassificationTag() {
        String alice = emu.issueToken("alice@lakegate.dev");
        for (String column : List.of("sales.customers.customers.email", "marketing.campaigns.leads.email")) {
            Http.Response r = http.get(
                    "/api/2.1/unity-catalog/entity-tag-assignments/columns/" + column + "/tags/class.email_address",
                    alice);
            assertThat(r.status()).as(column).isEqualTo(200);
            assertThat(r.body().path("tag_key").asString()).isEqualTo("class.email_address");
            assertThat(r.body().hasNonNull("tag_value")).isFalse();
            assertThat(r.body().path("source_type").asString())
                    .isEqualTo("TAG_ASSIGNMENT_SOURCE_TYPE_SYSTEM_DATA_CLASSIFICATION");
        }
        // a user-assigned tag says nothing about its source
        Http.Response sci = http.get(
                "/api/2.1/unity-catalog/entity-tag-assignments/columns/"
                        + "sales.customers.customers.email/tags/classification",
                alice);
        assertThat(sci.body().path("tag_value").asString()).isEqualTo("SCI");
        assertThat(sci.body().has("source_type")).isFalse();
    }

    @Test
    void informationSchemaColumnTagsListTheClassTags() {
        String carol = emu.issueToken("carol@lakegate.dev");
        Http.Response r = http.post(
                "/api/2.0/sql/statements",
                carol,
                Map.of(
                        "warehouse_id",
                        WAREHOUSE,
                        "wait_timeout",
                        "30s",
                        "statement",
                        "SELECT catalog_name, schema_name, table_name, column_name, tag_name "
                                + "FROM system.information_schema.column_tags WHERE tag_name LIKE 'class.%' "
                                + "ORDER BY tag_name, catalog_name, table_name, column_name"));
        assertThat(r.status()).isEqualTo(200);
        assertThat(r.body().at("/status/state").asString()).isEqualTo("SUCCEEDED");
        List<String> rows = new ArrayList<>();
        for (JsonNode row : r.body().at("/result/data_array")) {
            rows.add(row.get(0).asString() + "." + row.get(1).asString() + "."
                    + row.get(2).asString() + "." + row.get(3).asString() + "="
                    + row.get(4).asString());
        }
        assertThat(rows)
                .contains(
                        "sales.customers.customers.email=class.email_address",
                        "marketing.campaigns.leads.email=class.email_address",
                        "sales.customers.customer_pii.iban=class.iban",
                        "sales.customers.customer_pii.phone=class.phone_number",
                        "sales.customers.customers.name=class.name",
                        "hr.people.employees.full_name=class.name");
    }

    @Test
    void classTagsDoNotWidenWhatTheDefaultPolicyCallsSci() {
        // customers.name is tagged class.name but not classification=SCI: it stays public seed data
        String alice = emu.issueToken("alice@lakegate.dev");
        Http.Response r = http.post(
                "/api/2.0/sql/statements",
                alice,
                Map.of(
                        "warehouse_id",
                        WAREHOUSE,
                        "wait_timeout",
                        "30s",
                        "statement",
                        "SELECT name FROM sales.customers.customers"));
        assertThat(r.body().at("/status/state").asString()).isEqualTo("SUCCEEDED");
        List<String> names = new ArrayList<>();
        r.body().at("/result/data_array").forEach(row -> names.add(row.get(0).asString()));
        assertThat(names).isNotEmpty();
        assertThat(emu.sciValues()).doesNotContainAnyElementsOf(names);
        // and the email columns stay SCI exactly as before
        Http.Response emails = http.post(
                "/api/2.0/sql/statements",
                alice,
                Map.of(
                        "warehouse_id",
                        WAREHOUSE,
                        "wait_timeout",
                        "30s",
                        "statement",
                        "SELECT email FROM marketing.campaigns.leads"));
        List<String> leads = new ArrayList<>();
        emails.body()
                .at("/result/data_array")
                .forEach(row -> leads.add(row.get(0).asString()));
        assertThat(leads).isNotEmpty();
        assertThat(emu.sciValues()).containsAll(leads);
    }

    @Test
    void aGenieSpaceCarriesAGovernedTag() {
        Http.Response r = http.get(
                "/api/2.0/entity-tag-assignments/geniespaces/" + SALES_SPACE + "/tags",
                emu.issueToken("bob@lakegate.dev"));
        assertThat(r.status()).isEqualTo(200);
        assertThat(r.body().at("/tag_assignments/0/tag_key").asString()).isEqualTo("data_domain");
        assertThat(r.body().at("/tag_assignments/0/tag_value").asString()).isEqualTo("sales");
    }
}
