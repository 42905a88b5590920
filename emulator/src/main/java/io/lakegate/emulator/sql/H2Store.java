package io.lakegate.emulator.sql;

import io.lakegate.emulator.access.AccessPolicy;
import io.lakegate.emulator.seed.Seed;
import io.lakegate.emulator.uc.Metastore;
import io.lakegate.emulator.uc.UcColumn;
import io.lakegate.emulator.uc.UcSchema;
import io.lakegate.emulator.uc.UcTable;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;

/**
 * The H2 in-memory database behind the SQL engine: one H2 schema per UC schema holding the seeded rows, views created
 * from their (rewritten) definitions, and per-user copies of the information_schema tag tables that contain only rows
 * for objects the user can see, as Databricks' information_schema does.
 */
final class H2Store implements AutoCloseable {

    static final List<String> TAG_TABLES = List.of("catalog_tags", "schema_tags", "table_tags", "column_tags");

    private final String url;
    private final Connection keepAlive;

    H2Store() {
        // NON_KEYWORDS: column names such as month, year, value and key are plain identifiers in Databricks SQL.
        this.url = "jdbc:h2:mem:lakegate-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1;DATABASE_TO_LOWER=TRUE"
                + ";NON_KEYWORDS=VALUE,YEAR,MONTH,DAY,HOUR,MINUTE,SECOND,KEY,USER,LEVEL";
        try {
            this.keepAlive = DriverManager.getConnection(url);
        } catch (SQLException e) {
            throw new IllegalStateException("cannot open the H2 database", e);
        }
    }

    Connection connect() throws SQLException {
        return DriverManager.getConnection(url);
    }

    void load(Seed seed, Metastore metastore, Function<String, String> viewRewriter) {
        try (Connection c = connect();
                Statement st = c.createStatement()) {
            for (UcSchema s : metastore.allSchemas()) {
                st.execute("CREATE SCHEMA " + H2Names.quoted(H2Names.schema(s.catalogName(), s.name())));
            }
            for (Seed.Catalog cat : seed.catalogs()) {
                for (Seed.Schema sch : cat.schemas()) {
                    for (Seed.Table t : sch.tables()) {
                        if (t.viewDefinition() == null) {
                            createTable(
                                    c,
                                    metastore
                                            .table(cat.name() + "." + sch.name() + "." + t.name())
                                            .orElseThrow(),
                                    t.rows());
                        }
                    }
                }
            }
            for (UcTable t : metastore.allTables()) {
                if (t.viewDefinition() != null) {
                    st.execute("CREATE VIEW " + H2Names.table(t.catalogName(), t.schemaName(), t.name()) + " AS "
                            + viewRewriter.apply(t.viewDefinition()));
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException("cannot load the seed into H2: " + e.getMessage(), e);
        }
    }

    private static void createTable(Connection c, UcTable t, List<List<Object>> rows) throws SQLException {
        List<String> defs = new ArrayList<>();
        for (UcColumn col : t.columns()) {
            defs.add(H2Names.quoted(col.name()) + " "
                    + SqlTypes.h2(col.typeName(), col.typeText(), col.typePrecision(), col.typeScale())
                    + (col.nullable() ? "" : " NOT NULL"));
        }
        String table = H2Names.table(t.catalogName(), t.schemaName(), t.name());
        try (Statement st = c.createStatement()) {
            st.execute("CREATE TABLE " + table + " (" + String.join(", ", defs) + ")");
        }
        if (rows == null || rows.isEmpty()) {
            return;
        }
        String marks =
                String.join(", ", java.util.Collections.nCopies(t.columns().size(), "?"));
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO " + table + " VALUES (" + marks + ")")) {
            for (List<Object> row : rows) {
                for (int i = 0; i < row.size(); i++) {
                    ps.setObject(i + 1, row.get(i));
                }
                ps.addBatch();
            }
            ps.executeBatch();
        }
    }

    /**
     * Creates every user's information_schema: tag tables under {@code system} holding the rows the user can see, and per
     * catalog views over them filtered to that catalog. Called once; {@link #refreshTagTables} refills the rows.
     */
    void createTagSchemas(List<String> users, List<String> catalogs) {
        try (Connection c = connect();
                Statement st = c.createStatement()) {
            for (int u = 0; u < users.size(); u++) {
                String system = H2Names.quoted(H2Names.infoSchema(u, "system"));
                st.execute("CREATE SCHEMA " + system);
                st.execute("CREATE TABLE " + system
                        + ".catalog_tags (catalog_name VARCHAR, tag_name VARCHAR, tag_value VARCHAR)");
                st.execute("CREATE TABLE " + system + ".schema_tags (catalog_name VARCHAR, schema_name VARCHAR, "
                        + "tag_name VARCHAR, tag_value VARCHAR)");
                st.execute("CREATE TABLE " + system + ".table_tags (catalog_name VARCHAR, schema_name VARCHAR, "
                        + "table_name VARCHAR, tag_name VARCHAR, tag_value VARCHAR)");
                st.execute("CREATE TABLE " + system + ".column_tags (catalog_name VARCHAR, schema_name VARCHAR, "
                        + "table_name VARCHAR, column_name VARCHAR, tag_name VARCHAR, tag_value VARCHAR)");
                for (String catalog : catalogs) {
                    String schema = H2Names.quoted(H2Names.infoSchema(u, catalog));
                    st.execute("CREATE SCHEMA " + schema);
                    for (String t : TAG_TABLES) {
                        st.execute("CREATE VIEW " + schema + "." + t + " AS SELECT * FROM " + system + "." + t
                                + " WHERE catalog_name = '" + catalog.replace("'", "''") + "'");
                    }
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException("cannot create information_schema tag tables: " + e.getMessage(), e);
        }
    }

    /** Refills every user's information_schema tag tables from the current metastore and grants. */
    synchronized void refreshTagTables(Metastore metastore, AccessPolicy access, List<String> users) {
        try (Connection c = connect();
                Statement st = c.createStatement()) {
            c.setAutoCommit(false);
            for (int u = 0; u < users.size(); u++) {
                String system = H2Names.quoted(H2Names.infoSchema(u, "system"));
                for (String t : TAG_TABLES) {
                    st.execute("DELETE FROM " + system + "." + t);
                }
                fillTags(c, system, metastore, access, users.get(u));
            }
            c.commit();
        } catch (SQLException e) {
            throw new IllegalStateException("cannot fill information_schema tag tables: " + e.getMessage(), e);
        }
    }

    private static void fillTags(Connection c, String schema, Metastore m, AccessPolicy access, String user)
            throws SQLException {
        try (PreparedStatement cat = c.prepareStatement("INSERT INTO " + schema + ".catalog_tags VALUES (?, ?, ?)");
                PreparedStatement sch =
                        c.prepareStatement("INSERT INTO " + schema + ".schema_tags VALUES (?, ?, ?, ?)");
                PreparedStatement tab =
                        c.prepareStatement("INSERT INTO " + schema + ".table_tags VALUES (?, ?, ?, ?, ?)");
                PreparedStatement col =
                        c.prepareStatement("INSERT INTO " + schema + ".column_tags VALUES (?, ?, ?, ?, ?, ?)")) {
            for (var catalog : m.catalogs()) {
                if (!access.seesCatalog(user, catalog)) {
                    continue;
                }
                for (Map.Entry<String, String> tag : catalog.tags().entrySet()) {
                    batch(cat, catalog.name(), tag.getKey(), tag.getValue());
                }
                for (UcSchema s : m.schemas(catalog.name())) {
                    if (!access.seesSchema(user, s)) {
                        continue;
                    }
                    for (Map.Entry<String, String> tag : s.tags().entrySet()) {
                        batch(sch, s.catalogName(), s.name(), tag.getKey(), tag.getValue());
                    }
                    for (UcTable t : m.tables(s.catalogName(), s.name())) {
                        if (!access.seesTable(user, t)) {
                            continue;
                        }
                        for (Map.Entry<String, String> tag : t.tags().entrySet()) {
                            batch(tab, t.catalogName(), t.schemaName(), t.name(), tag.getKey(), tag.getValue());
                        }
                        for (UcColumn column : t.columns()) {
                            for (Map.Entry<String, String> tag : column.tags().entrySet()) {
                                batch(
                                        col,
                                        t.catalogName(),
                                        t.schemaName(),
                                        t.name(),
                                        column.name(),
                                        tag.getKey(),
                                        tag.getValue());
                            }
                        }
                    }
                }
            }
            cat.executeBatch();
            sch.executeBatch();
            tab.executeBatch();
            col.executeBatch();
        }
    }

    private static void batch(PreparedStatement ps, Object... values) throws SQLException {
        for (int i = 0; i < values.length; i++) {
            ps.setObject(i + 1, values[i]);
        }
        ps.addBatch();
    }

    /** Reads a table's columns back from H2 (after CREATE or ALTER) as UC columns. */
    List<UcColumn> columnsOf(Connection c, String catalog, String schema, String table) throws SQLException {
        List<UcColumn> out = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement(
                "SELECT column_name, data_type, numeric_precision, numeric_scale, "
                        + "is_nullable FROM information_schema.columns WHERE table_schema = ? AND table_name = ? ORDER BY ordinal_position")) {
            ps.setString(1, H2Names.schema(catalog, schema));
            ps.setString(2, table.toLowerCase(java.util.Locale.ROOT));
            try (ResultSet rs = ps.executeQuery()) {
                int pos = 0;
                while (rs.next()) {
                    SqlTypes.DbxType type = SqlTypes.fromH2(rs.getString(2), rs.getInt(3), rs.getInt(4));
                    out.add(new UcColumn(
                            rs.getString(1),
                            pos++,
                            type.typeName(),
                            type.typeText(),
                            "YES".equals(rs.getString(5)),
                            null,
                            type.precision(),
                            type.scale(),
                            Map.of()));
                }
            }
        }
        return out;
    }

    @Override
    public void close() {
        try (Statement st = keepAlive.createStatement()) {
            st.execute("SHUTDOWN");
        } catch (SQLException ignored) {
            // the database is going away either way
        } finally {
            try {
                keepAlive.close();
            } catch (SQLException ignored) {
                // already closed by SHUTDOWN
            }
        }
    }
}
