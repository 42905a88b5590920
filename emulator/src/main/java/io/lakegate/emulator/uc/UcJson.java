package io.lakegate.emulator.uc;

import static io.lakegate.emulator.http.Json.obj;

import java.util.Map;

/** Renders metastore objects as UC's CatalogInfo / SchemaInfo / TableInfo / ColumnInfo JSON (no tags, as in UC). */
public final class UcJson {

    private final String metastoreId;

    public UcJson(String metastoreId) {
        this.metastoreId = metastoreId;
    }

    public Map<String, Object> catalog(UcCatalog c) {
        return obj(
                "name",
                c.name(),
                "full_name",
                c.name(),
                "owner",
                c.owner(),
                "comment",
                c.comment(),
                "storage_root",
                "abfss://uc@lakegatemetastore.dfs.core.windows.net/" + metastoreId + "/catalogs/" + c.name(),
                "properties",
                Map.of(),
                "options",
                Map.of(),
                "metastore_id",
                metastoreId,
                "created_at",
                c.createdAt(),
                "created_by",
                c.createdBy(),
                "updated_at",
                c.createdAt(),
                "updated_by",
                c.createdBy(),
                "catalog_type",
                c.catalogType(),
                "isolation_mode",
                "OPEN",
                "securable_type",
                "CATALOG",
                "browse_only",
                false);
    }

    public Map<String, Object> schema(UcSchema s, String catalogType) {
        return obj(
                "name",
                s.name(),
                "catalog_name",
                s.catalogName(),
                "full_name",
                s.fullName(),
                "owner",
                s.owner(),
                "comment",
                s.comment(),
                "properties",
                Map.of(),
                "metastore_id",
                metastoreId,
                "schema_id",
                s.schemaId(),
                "catalog_type",
                catalogType,
                "created_at",
                s.createdAt(),
                "created_by",
                s.createdBy(),
                "updated_at",
                s.createdAt(),
                "updated_by",
                s.createdBy(),
                "browse_only",
                false);
    }

    public Map<String, Object> table(UcTable t, boolean omitColumns, boolean omitProperties, boolean omitUsername) {
        Map<String, Object> m = obj(
                "name",
                t.name(),
                "catalog_name",
                t.catalogName(),
                "schema_name",
                t.schemaName(),
                "full_name",
                t.fullName(),
                "table_type",
                t.tableType(),
                "data_source_format",
                t.dataSourceFormat(),
                "comment",
                t.comment(),
                "owner",
                t.owner());
        if (!omitColumns) {
            m.put("columns", t.columns().stream().map(this::column).toList());
        }
        if (!t.isView()) {
            m.put(
                    "storage_location",
                    "abfss://uc@lakegatemetastore.dfs.core.windows.net/" + metastoreId + "/tables/" + t.tableId());
        }
        if (t.viewDefinition() != null) {
            m.put("view_definition", t.viewDefinition());
        }
        if (!omitProperties) {
            m.put(
                    "properties",
                    t.isView()
                            ? Map.of("view.sqlConfig.spark.sql.ansi.enabled", "true")
                            : Map.of("delta.minReaderVersion", "1", "delta.minWriterVersion", "2"));
        }
        m.put("metastore_id", metastoreId);
        m.put("table_id", t.tableId());
        m.put("created_at", t.createdAt());
        m.put("updated_at", t.createdAt());
        if (!omitUsername) {
            m.put("created_by", t.createdBy());
            m.put("updated_by", t.createdBy());
        }
        m.put("browse_only", false);
        return m;
    }

    public Map<String, Object> column(UcColumn c) {
        return obj(
                "name",
                c.name(),
                "type_text",
                c.typeText(),
                "type_name",
                c.typeName(),
                "position",
                c.position(),
                "type_precision",
                c.typePrecision() == null ? 0 : c.typePrecision(),
                "type_scale",
                c.typeScale() == null ? 0 : c.typeScale(),
                "type_json",
                typeJson(c),
                "nullable",
                c.nullable(),
                "comment",
                c.comment());
    }

    /** UC's type_json is the Spark StructField JSON of the column. */
    private static String typeJson(UcColumn c) {
        String sparkType = switch (c.typeName()) {
            case "LONG" -> "long";
            case "INT" -> "integer";
            case "DECIMAL" -> "decimal(" + c.typePrecision() + "," + c.typeScale() + ")";
            case "MAP" -> null;
            default -> c.typeText();
        };
        String type = sparkType != null
                ? "\"" + sparkType + "\""
                : "{\"type\":\"map\",\"keyType\":\"string\",\"valueType\":\"string\",\"valueContainsNull\":true}";
        String comment =
                c.comment() == null ? "{}" : "{\"comment\":" + io.lakegate.emulator.http.Json.write(c.comment()) + "}";
        return "{\"name\":" + io.lakegate.emulator.http.Json.write(c.name()) + ",\"type\":" + type + ",\"nullable\":"
                + c.nullable() + ",\"metadata\":" + comment + "}";
    }

    public Map<String, Object> tableSummary(UcTable t) {
        return obj("full_name", t.fullName(), "table_type", t.tableType(), "securable_kind_manifest", null);
    }
}
