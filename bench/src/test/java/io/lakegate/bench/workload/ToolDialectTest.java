package io.lakegate.bench.workload;

import static org.assertj.core.api.Assertions.assertThat;

import io.lakegate.bench.load.Operation;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ToolDialectTest {

    private final Workload workload =
            new Workload("sales", "customers", "sales.orders.orders", "marketing", "campaign%");

    @Test
    void aPeerCallKeepsTheLogicalNameAndArgumentsUnderItsOwnToolName() {
        Operation op = ToolDialect.databricksSdkMcp("sdk")
                .translate(workload.listTables())
                .orElseThrow();
        assertThat(op.name()).isEqualTo(Workload.LIST_TABLES);
        assertThat(op.tool()).isEqualTo("databricks_list_tables");
        assertThat(op.arguments()).isEqualTo(Map.of("catalog_name", "sales", "schema_name", "customers"));
    }

    @Test
    void aServerWithoutTheToolHasNoCallForIt() {
        ToolDialect dialect = ToolDialect.databricksMcpServer("dms");
        assertThat(dialect.translate(workload.getTable())).isEmpty();
        assertThat(dialect.describe(workload.getTable())).isEqualTo("none");
        assertThat(dialect.describe(workload.listTables())).isEqualTo("`list_tables(catalog_name, schema_name)`");
    }

    @Test
    void toolsListIsTheSameMethodEverywhere() {
        assertThat(ToolDialect.databricksMcpServer("dms").translate(Operation.listTools()))
                .contains(Operation.listTools());
    }
}
