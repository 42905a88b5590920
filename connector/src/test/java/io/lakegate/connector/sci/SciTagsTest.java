package io.lakegate.connector.sci;

import static org.assertj.core.api.Assertions.assertThat;

import io.lakegate.connector.workspace.SciPolicy;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class SciTagsTest {

    private final SciTags tags = SciTags.of(Set.of(
            SecurableRef.catalog("hr"),
            SecurableRef.schema("finance", "payroll"),
            SecurableRef.table("sales", "customers", "customer_pii"),
            SecurableRef.table("sales", "customers", "customers").column("email")));

    @Test
    void catalogTagCoversSchemasTablesAndColumns() {
        assertThat(tags.hidesCatalog("hr")).isTrue();
        assertThat(tags.hidesSchema("hr", "people")).isTrue();
        assertThat(tags.hidesTable("hr", "people", "employees")).isTrue();
        assertThat(tags.hidesColumn("hr", "people", "employees", "name")).isTrue();
    }

    @Test
    void schemaTagCoversTablesAndColumnsButNotTheCatalogOrSiblings() {
        assertThat(tags.hidesCatalog("finance")).isFalse();
        assertThat(tags.hidesSchema("finance", "payroll")).isTrue();
        assertThat(tags.hidesTable("finance", "payroll", "salaries")).isTrue();
        assertThat(tags.hidesColumn("finance", "payroll", "salaries", "amount")).isTrue();
        assertThat(tags.hidesSchema("finance", "ledger")).isFalse();
        assertThat(tags.hidesTable("finance", "ledger", "accounts")).isFalse();
    }

    @Test
    void tableTagCoversColumnsOnly() {
        assertThat(tags.hidesTable("sales", "customers", "customer_pii")).isTrue();
        assertThat(tags.hidesColumn("sales", "customers", "customer_pii", "ssn"))
                .isTrue();
        assertThat(tags.hidesSchema("sales", "customers")).isFalse();
        assertThat(tags.hidesTable("sales", "customers", "customer_segments")).isFalse();
    }

    @Test
    void columnTagHidesOnlyThatColumn() {
        assertThat(tags.hidesTable("sales", "customers", "customers")).isFalse();
        assertThat(tags.hidesColumn("sales", "customers", "customers", "email")).isTrue();
        assertThat(tags.hidesColumn("sales", "customers", "customers", "customer_id"))
                .isFalse();
    }

    @Test
    void namesCompareCaseInsensitively() {
        assertThat(tags.hidesCatalog("HR")).isTrue();
        assertThat(tags.hidesTable("Sales.Customers.Customer_PII")).isTrue();
        assertThat(tags.hidesColumn("SALES", "customers", "CUSTOMERS", "Email")).isTrue();
    }

    @Test
    void unparseableFullNameIsHiddenFailClosed() {
        assertThat(tags.hidesTable("not-a-full-name")).isTrue();
        assertThat(tags.hidesTable("a..b")).isTrue();
        assertThat(tags.hidesTable("sales.orders.orders")).isFalse();
    }

    @Test
    void commentsNamingSciObjectsAreRedactedWholeWordOnly() {
        assertThat(tags.redact("Finance domain: ledger, payroll, reporting"))
                .isEqualTo("Finance domain: ledger, [redacted], reporting");
        assertThat(tags.redact("joins HR.people with sales.customers.customer_pii"))
                .isEqualTo("joins [redacted].people with [redacted]");
        assertThat(tags.redact("three chrome payrolls emails")).isEqualTo("three chrome payrolls emails");
        assertThat(tags.redact(null)).isNull();
        assertThat(SciTags.NONE.redact("payroll")).isEqualTo("payroll");
    }

    @Test
    void informationSchemaRowsBecomeTagsMatchingThePolicyOnly() {
        SciPolicy policy = new SciPolicy(List.of(
                new SciPolicy.Rule("classification", List.of("SCI")),
                new SciPolicy.Rule("class.email_address", List.of())));
        SciTags read = InformationSchemaTagReader.toTags(
                List.of(
                        List.of("catalog", "hr", "", "", "", "classification", "SCI"),
                        List.of("schema", "finance", "payroll", "", "", "Classification", "SCI"),
                        List.of("table", "sales", "orders", "orders", "", "classification", "PUBLIC"),
                        List.of("column", "sales", "customers", "customers", "email", "classification", "SCI"),
                        List.of("column", "marketing", "campaigns", "leads", "email", "class.email_address", ""),
                        List.of("column", "sales", "customers", "customers", "name", "class.name", "")),
                policy);
        assertThat(read.size()).isEqualTo(4);
        assertThat(read.hidesColumn("marketing", "campaigns", "leads", "email")).isTrue();
        assertThat(read.hidesColumn("sales", "customers", "customers", "name")).isFalse();
        assertThat(read.hidesTable("hr", "x", "y")).isTrue();
        assertThat(read.hidesTable("sales", "orders", "orders")).isFalse();
        assertThat(read.hidesColumn("sales", "customers", "customers", "email")).isTrue();
    }

    @Test
    void policyWithoutValuesMatchesTheKeyAlone() {
        SciPolicy keyOnly = new SciPolicy(List.of(new SciPolicy.Rule("sci", List.of())));
        assertThat(keyOnly.matches("sci", null)).isTrue();
        assertThat(keyOnly.matches("SCI", "anything")).isTrue();
        assertThat(keyOnly.matches("classification", "sci")).isFalse();
        assertThat(SciPolicy.DEFAULT.matches("classification", "SCI")).isTrue();
        assertThat(SciPolicy.DEFAULT.matches("classification", "internal")).isFalse();
        SciPolicy several = new SciPolicy(List.of(
                new SciPolicy.Rule("classification", List.of("SCI", "SECRET")),
                new SciPolicy.Rule("class.iban", List.of())));
        assertThat(several.matches("CLASS.IBAN", null)).isTrue();
        assertThat(several.matches("classification", "SECRET")).isTrue();
        assertThat(several.matches("class.email_address", "x")).isFalse();
        assertThat(several.tagKeys()).containsExactly("classification", "class.iban");
        assertThat(InformationSchemaTagReader.statement(2))
                .contains("IN (:tag_key_0, :tag_key_1)")
                .contains("information_schema.column_tags");
    }
}
