package io.lakegate.connector.guard;

import java.util.Locale;

import net.sf.jsqlparser.schema.Table;
import net.sf.jsqlparser.statement.DescribeStatement;
import net.sf.jsqlparser.statement.ShowColumnsStatement;
import net.sf.jsqlparser.statement.ShowStatement;
import net.sf.jsqlparser.statement.Statement;
import net.sf.jsqlparser.statement.show.ShowTablesStatement;

import io.lakegate.connector.guard.GuardDecision.RefusalKind;
import io.lakegate.connector.guard.GuardDecision.StatementKind;

/**
 * SHOW and DESCRIBE: read-only, but their output names things. A listing is refused when it would name an SCI asset
 * (the discovery tools return the filtered listing instead), and DESCRIBE is refused for a table with SCI columns
 * (it would reveal their names and types).
 */
final class MetadataStatementChecker {

    private final SelectChecker tables;

    MetadataStatementChecker(SelectChecker tables) {
        this.tables = tables;
    }

    /** The kind of an accepted metadata statement, or null when the statement is not SHOW/DESCRIBE at all. */
    StatementKind check(Statement statement, GuardContext ctx) {
        if (statement instanceof ShowTablesStatement show) {
            checkShowTables(show, ctx);
            return StatementKind.SHOW;
        } else if (statement instanceof ShowStatement show) {
            checkShow(show, ctx);
            return StatementKind.SHOW;
        } else if (statement instanceof ShowColumnsStatement show) {
            describe(new Table(show.getTableName()), ctx);
            return StatementKind.SHOW;
        } else if (statement instanceof DescribeStatement describe) {
            String type = describe.getDescribeType() == null ? "DESCRIBE" : describe.getDescribeType().toUpperCase(Locale.ROOT);
            if (!type.equals("DESCRIBE") && !type.equals("DESC")) {
                throw new GuardRefusal(RefusalKind.UNSUPPORTED_CONSTRUCT, type + " is not accepted; use DESCRIBE", type);
            }
            describe(describe.getTable(), ctx);
            return StatementKind.DESCRIBE;
        }
        return null;
    }

    private void checkShowTables(ShowTablesStatement show, GuardContext ctx) {
        if (show.getWhereCondition() != null || (show.getModifiers() != null && !show.getModifiers().isEmpty())) {
            throw new GuardRefusal(RefusalKind.UNSUPPORTED_CONSTRUCT,
                    "SHOW TABLES accepts only IN/FROM <schema> and LIKE '<pattern>'", "SHOW TABLES");
        }
        String schema = show.getDbName() == null ? ctx.defaultSchema() : Identifiers.normalise(show.getDbName());
        refuseListing(ctx, ctx.defaultCatalog(), schema);
    }

    private void checkShow(ShowStatement show, GuardContext ctx) {
        String what = show.getName() == null ? "" : show.getName().strip().toUpperCase(Locale.ROOT);
        switch (what) {
            case "FUNCTIONS", "USER FUNCTIONS", "SYSTEM FUNCTIONS" -> {
                // function names are not data and carry no SCI tag
            }
            case "CATALOGS" -> refuseListing(ctx, null, null);
            case "SCHEMAS", "DATABASES" -> refuseListing(ctx, ctx.defaultCatalog(), null);
            case "VIEWS" -> refuseListing(ctx, ctx.defaultCatalog(), ctx.defaultSchema());
            default -> throw new GuardRefusal(RefusalKind.UNSUPPORTED_CONSTRUCT,
                    "SHOW " + what + " is not accepted (SHOW TABLES, VIEWS, SCHEMAS, CATALOGS and FUNCTIONS are)",
                    "SHOW " + what);
        }
    }

    private static void refuseListing(GuardContext ctx, String catalog, String schema) {
        SciLookup sci = ctx.sci();
        String where = catalog == null ? "the metastore" : schema == null ? catalog : catalog + "." + schema;
        if (catalog != null && sci.isSciCatalog(catalog)) {
            throw new GuardRefusal(RefusalKind.SCI_CATALOG, "catalog '" + catalog + "' is classified SCI", catalog);
        }
        if (schema != null && sci.isSciSchema(catalog, schema)) {
            throw new GuardRefusal(RefusalKind.SCI_SCHEMA, "schema '" + where + "' is classified SCI", where);
        }
        if (sci.containsSci(catalog, schema)) {
            RefusalKind kind = catalog == null ? RefusalKind.SCI_CATALOG : schema == null ? RefusalKind.SCI_SCHEMA
                    : RefusalKind.SCI_TABLE;
            throw new GuardRefusal(kind, "listing " + where + " would name SCI-classified assets; the discovery tools "
                    + "return the filtered listing", where);
        }
    }

    private void describe(Table table, GuardContext ctx) {
        SelectChecker.ResolvedTable resolved = tables.checkTable(table, ctx);
        if (!resolved.sciColumns().isEmpty()) {
            throw new GuardRefusal(RefusalKind.SCI_COLUMN, "describing " + resolved.name()
                    + " would reveal its SCI-classified columns; the get_table tool returns the permitted ones",
                    resolved.name().toString());
        }
    }
}
