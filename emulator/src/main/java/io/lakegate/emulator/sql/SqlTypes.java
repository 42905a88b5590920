package io.lakegate.emulator.sql;

import java.util.Locale;

/** Maps between Databricks SQL types (UC type_name/type_text) and H2 column types. */
final class SqlTypes {

    /** A Databricks type: UC {@code type_name} and {@code type_text}. */
    record DbxType(String typeName, String typeText, Integer precision, Integer scale) {}

    private SqlTypes() {}

    /** H2 DDL type for a UC column. */
    static String h2(String ucTypeName, String typeText, Integer precision, Integer scale) {
        return switch (ucTypeName) {
            case "LONG" -> "BIGINT";
            case "INT" -> "INTEGER";
            case "SHORT" -> "SMALLINT";
            case "BYTE" -> "TINYINT";
            case "DOUBLE" -> "DOUBLE PRECISION";
            case "FLOAT" -> "REAL";
            case "DECIMAL" ->
                "DECIMAL(" + (precision == null ? 10 : precision) + "," + (scale == null ? 0 : scale) + ")";
            case "DATE" -> "DATE";
            case "TIMESTAMP", "TIMESTAMP_NTZ" -> "TIMESTAMP";
            case "BOOLEAN" -> "BOOLEAN";
            case "BINARY" -> "VARBINARY";
            default -> "VARCHAR";
        };
    }

    /** Databricks type names written in CREATE TABLE that H2 does not know, rewritten to H2's. */
    static String h2TypeForDdl(String databricksType) {
        return switch (databricksType.toUpperCase(Locale.ROOT)) {
            case "STRING" -> "VARCHAR";
            case "LONG" -> "BIGINT";
            case "INT" -> "INTEGER";
            case "SHORT" -> "SMALLINT";
            case "BYTE" -> "TINYINT";
            case "DOUBLE" -> "DOUBLE PRECISION";
            case "FLOAT" -> "REAL";
            case "TIMESTAMP_NTZ" -> "TIMESTAMP";
            case "BINARY" -> "VARBINARY";
            default -> databricksType;
        };
    }

    /** The Databricks type of an H2 column type name (JDBC metadata or INFORMATION_SCHEMA.COLUMNS). */
    static DbxType fromH2(String h2Type, int precision, int scale) {
        String t = h2Type.toUpperCase(Locale.ROOT);
        if (t.startsWith("DECIMAL") || t.startsWith("NUMERIC")) {
            return new DbxType("DECIMAL", "decimal(" + precision + "," + scale + ")", precision, scale);
        }
        return switch (t) {
            case "BIGINT" -> new DbxType("LONG", "bigint", null, null);
            case "INTEGER", "INT" -> new DbxType("INT", "int", null, null);
            case "SMALLINT" -> new DbxType("SHORT", "smallint", null, null);
            case "TINYINT" -> new DbxType("BYTE", "tinyint", null, null);
            case "DOUBLE PRECISION", "DOUBLE" -> new DbxType("DOUBLE", "double", null, null);
            case "REAL", "FLOAT" -> new DbxType("FLOAT", "float", null, null);
            case "DATE" -> new DbxType("DATE", "date", null, null);
            case "TIMESTAMP", "TIMESTAMP WITH TIME ZONE" -> new DbxType("TIMESTAMP", "timestamp", null, null);
            case "BOOLEAN" -> new DbxType("BOOLEAN", "boolean", null, null);
            case "BINARY VARYING", "VARBINARY", "BINARY", "BLOB" -> new DbxType("BINARY", "binary", null, null);
            case "NULL" -> new DbxType("NULL", "void", null, null);
            default -> new DbxType("STRING", "string", null, null);
        };
    }
}
