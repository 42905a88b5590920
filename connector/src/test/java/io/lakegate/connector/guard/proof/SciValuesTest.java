package io.lakegate.connector.guard.proof;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import org.junit.jupiter.api.Test;

/**
 * The by-value oracle of the guard proof must itself be able to fail: it finds the seeded SCI values however an
 * answer dresses them, and stays silent on non-SCI data (a false alarm would hide real results in noise).
 */
class SciValuesTest {

    private final SciValues sci = SciValues.of(
            HostileWorkspace.seed(HostileWorkspace.Mode.RUNNING_WAREHOUSE),
            HostileWorkspace.TAG_KEY,
            HostileWorkspace.TAG_VALUE);

    private static String row(String... cells) {
        StringBuilder values = new StringBuilder();
        for (String c : cells) {
            values.append(values.length() == 0 ? "" : ",")
                    .append("{\"string_value\":\"")
                    .append(c)
                    .append("\"}");
        }
        return "{\"statement_id\":\"x\",\"status\":{\"state\":\"SUCCEEDED\"},\"result\":{\"data_array\":[{\"values\":["
                + values + "]}]}}";
    }

    @Test
    void findsSeededSciValuesInEveryDisguise() {
        assertThat(sci.size()).isGreaterThan(100);
        assertThat(sci.foundIn(row("Alan Turing", "alan.turing@example.com"))).hasSize(1); // column tag
        assertThat(sci.foundIn(row("ALAN.TURING@EXAMPLE.COM"))).isNotEmpty(); // upper()
        assertThat(sci.foundIn(row(
                        new StringBuilder("alan.turing@example.com").reverse().toString())))
                .isNotEmpty();
        assertThat(sci.foundIn(row(Base64.getEncoder()
                        .encodeToString("alan.turing@example.com".getBytes(StandardCharsets.UTF_8)))))
                .isNotEmpty(); // base64()
        assertThat(sci.foundIn(row("DE89370400440532013003"))).isNotEmpty(); // SCI table
        assertThat(sci.foundIn(row("5120.52"))).isNotEmpty(); // SCI schema, as number
        assertThat(sci.foundIn(row("Edsger Dijkstra"))).isNotEmpty(); // SCI catalog
        assertThat(sci.foundIn(row("[\\\"lead7@example.org\\\"]"))).isNotEmpty(); // collect_list as JSON
        assertThat(sci.foundIn("[TABLE_OR_VIEW_NOT_FOUND] cannot cast 'linus.liskov@example.com' to INT"))
                .isNotEmpty();
    }

    @Test
    void staysSilentOnNonSciData() {
        assertThat(sci.foundIn(row("Alan Turing", "CA", "EMEA", "2024-04-04"))).isEmpty(); // customers, no email
        assertThat(sci.foundIn(row("1001", "200.00", "SHIPPED", "APAC"))).isEmpty(); // orders
        assertThat(sci.foundIn(row("Grace Hopper"))).isEmpty(); // an SCI employee name that is also a region manager
        assertThat(sci.foundIn("INVALID_QUERY: table or view not found (offending token: hr.people.employees)"))
                .isEmpty();
        // "Finance" is an SCI department value and also a catalog name a DESCRIBE shows
        assertThat(sci.foundIn(row("finance", "payroll", "salaries"))).isEmpty();
    }
}
