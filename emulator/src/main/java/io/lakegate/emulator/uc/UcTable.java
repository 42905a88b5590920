package io.lakegate.emulator.uc;

import java.util.List;
import java.util.Map;

/** A Unity Catalog table or view. */
public record UcTable(
        String catalogName,
        String schemaName,
        String name,
        String tableType,
        String dataSourceFormat,
        String comment,
        String owner,
        String viewDefinition,
        Map<String, String> tags,
        List<UcColumn> columns,
        String tableId,
        long createdAt,
        String createdBy) {

    public String fullName() {
        return catalogName + "." + schemaName + "." + name;
    }

    public String schemaFullName() {
        return catalogName + "." + schemaName;
    }

    public boolean isView() {
        return "VIEW".equals(tableType) || "MATERIALIZED_VIEW".equals(tableType);
    }
}
