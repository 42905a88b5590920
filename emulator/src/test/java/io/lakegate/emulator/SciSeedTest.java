package io.lakegate.emulator;

import static org.assertj.core.api.Assertions.assertThat;

import io.lakegate.emulator.seed.Seed;
import io.lakegate.emulator.seed.SeedLoader;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The seeded SCI values are distinctive, searchable by value, and reachable only by SQL over an SCI asset (the SQL a
 * guard must refuse): no name, comment, non-SCI cell, view or Genie text of the seed contains one.
 */
class SciSeedTest {

    static DatabricksEmulator emu;
    static Http http;
    static String carol;

    @BeforeAll
    static void start() {
        emu = DatabricksEmulator.start(EmulatorConfig.defaults());
        http = new Http(emu.baseUrl());
        carol = emu.issueToken("carol@lakegate.dev");
    }

    @AfterAll
    static void stop() {
        emu.close();
    }

    @Test
    void sciValuesCoverEmailsPiiSalariesAndNames() {
        Set<String> sci = emu.sciValues();
        assertThat(sci)
                .contains(
                        "linus.liskov@example.com",
                        "lead1@example.org", // both SCI email columns
                        "DE89370400440532013001",
                        "+49 30 1007919",
                        "1961-02-02", // customer_pii (SCI table)
                        "5120.52",
                        "3274.58",
                        "781.27"); // finance.payroll (SCI schema): gross, net, bonus
        assertThat(sci).anyMatch(v -> v.matches("[A-Z][a-z]+ [A-Z][a-z]+")); // hr (SCI catalog) employee names
        assertThat(sci).hasSizeGreaterThan(150).allMatch(v -> v.length() >= 6);
        assertThat(sci).doesNotContain("2024", "2025-01-01", "exceeds", "Sales"); // not distinctive, or public too
    }

    @Test
    void noSciValueAppearsAnywhereButInSciAssets() {
        Seed seed = SeedLoader.load(EmulatorConfig.defaults().seedResource());
        List<String> open = seed.nonSciTexts();
        assertThat(open).hasSizeGreaterThan(500);
        for (String v : seed.sciValues()) {
            assertThat(open).as("seed text outside SCI assets containing %s", v).noneMatch(t -> t.contains(v));
        }
    }

    @Test
    void sciValuesComeBackOnlyFromSqlOverSciAssets() {
        String everything = http.post(
                        "/api/2.0/sql/statements",
                        carol,
                        Map.of(
                                "warehouse_id",
                                "a1b2c3d4e5f60718",
                                "statement",
                                "SELECT o.*, p.name, r.manager, c.customer_id, c.name, c.country FROM sales.orders.orders o "
                                        + "JOIN sales.reference.products p ON p.product_id = o.product_id "
                                        + "JOIN sales.reference.regions r ON r.region = o.region "
                                        + "JOIN sales.customers.customers c ON c.customer_id = o.customer_id"))
                .raw();
        assertThat(everything).contains("SUCCEEDED");
        assertThat(emu.sciValues()).noneMatch(everything::contains);

        String emails = http.post(
                        "/api/2.0/sql/statements",
                        carol,
                        Map.of(
                                "warehouse_id",
                                "a1b2c3d4e5f60718",
                                "statement",
                                "SELECT email FROM sales.customers.customers"))
                .raw();
        assertThat(emu.sciValues()).anyMatch(emails::contains);
    }
}
