package io.lakegate.emulator.sql;

import io.lakegate.emulator.access.AccessPolicy;
import io.lakegate.emulator.seed.Seed;
import io.lakegate.emulator.uc.Metastore;
import io.lakegate.emulator.uc.UcCatalog;
import io.lakegate.emulator.uc.UcColumn;
import io.lakegate.emulator.uc.UcSchema;
import io.lakegate.emulator.uc.UcTable;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import net.sf.jsqlparser.JSQLParserException;
import net.sf.jsqlparser.expression.AnalyticExpression;
import net.sf.jsqlparser.expression.CastExpression;
import net.sf.jsqlparser.expression.Function;
import net.sf.jsqlparser.expression.JsonAggregateFunction;
import net.sf.jsqlparser.expression.JsonFunction;
import net.sf.jsqlparser.expression.MySQLGroupConcat;
import net.sf.jsqlparser.expression.NextValExpression;
import net.sf.jsqlparser.expression.TranscodingFunction;
import net.sf.jsqlparser.expression.UserVariable;
import net.sf.jsqlparser.expression.VariableAssignment;
import net.sf.jsqlparser.expression.XMLSerializeExpr;
import net.sf.jsqlparser.parser.CCJSqlParserUtil;
import net.sf.jsqlparser.schema.Table;
import net.sf.jsqlparser.statement.Statement;
import net.sf.jsqlparser.statement.Statements;
import net.sf.jsqlparser.statement.alter.Alter;
import net.sf.jsqlparser.statement.create.table.ColumnDefinition;
import net.sf.jsqlparser.statement.create.table.CreateTable;
import net.sf.jsqlparser.statement.create.view.CreateView;
import net.sf.jsqlparser.statement.delete.Delete;
import net.sf.jsqlparser.statement.drop.Drop;
import net.sf.jsqlparser.statement.insert.Insert;
import net.sf.jsqlparser.statement.merge.Merge;
import net.sf.jsqlparser.statement.select.Select;
import net.sf.jsqlparser.statement.select.TableFunction;
import net.sf.jsqlparser.statement.truncate.Truncate;
import net.sf.jsqlparser.statement.update.Update;
import net.sf.jsqlparser.util.TablesNamesFinder;

/**
 * Databricks SQL on H2. Each statement is parsed with JSqlParser, every table reference is resolved against the default
 * catalog/schema, checked against the caller's grants and rewritten to its H2 name, then run over JDBC. Writes really
 * change the data (and, for DDL, the Unity Catalog metastore) and are recorded. Blocking: callers run it on a bounded
 * scheduler, never on an event loop.
 */
public final class SqlEngine implements AutoCloseable {

    /** A named parameter marker value ({@code :name}); a null value binds SQL NULL. */
    public record Param(String name, String value, String type) {}

    /** How a statement is run: by whom, where names resolve, its parameters, row limit and whether writes may run. */
    public record Request(
            String user,
            String sql,
            String catalog,
            String schema,
            List<Param> parameters,
            Integer rowLimit,
            boolean allowWrites,
            String via) {}

    private static final int MAX_ROWS = 100_000;

    private final Metastore metastore;
    private final AccessPolicy access;
    private final Clock clock;
    private final H2Store h2 = new H2Store();
    private final List<String> users;
    private final List<ExecutedWrite> writes = new CopyOnWriteArrayList<>();
    private final Object writeLock = new Object();
    private final ShowCommands show;

    public SqlEngine(Seed seed, Metastore metastore, AccessPolicy access, Clock clock) {
        this.metastore = metastore;
        this.access = access;
        this.clock = clock;
        this.show = new ShowCommands(metastore, access);
        this.users = seed.users().stream()
                .map(u -> u.userName().toLowerCase(Locale.ROOT))
                .sorted()
                .toList();
        h2.load(seed, metastore, this::rewriteViewDefinition);
        h2.createTagSchemas(
                users,
                metastore.catalogs().stream()
                        .map(c -> c.name().toLowerCase(Locale.ROOT))
                        .toList());
        h2.refreshTagTables(metastore, access, users);
    }

    public List<ExecutedWrite> executedWrites() {
        return List.copyOf(writes);
    }

    /** True if {@code sql} is a single read-only statement (a query, or SHOW / DESCRIBE). */
    public static boolean isRead(String sql) {
        try {
            List<SparkTokens.Tok> tokens = SparkTokens.lex(sql);
            return ShowCommands.handles(tokens) || single(SparkTokens.toH2(tokens)) instanceof Select;
        } catch (SqlFailure e) {
            return false;
        }
    }

    public StatementResult execute(Request req) {
        // Spark's lexer reads the caller's text; H2 (and JSqlParser) only ever see its rendering, so string literals,
        // comments and quoted names end where Databricks says they end.
        List<SparkTokens.Tok> tokens = SparkTokens.lex(req.sql());
        if (ShowCommands.handles(tokens)) {
            return show.run(tokens, req.user(), lower(req.catalog()), lower(req.schema()));
        }
        Statement st = single(SparkTokens.toH2(tokens));
        boolean read = st instanceof Select;
        if (!read && !isSupportedWrite(st)) {
            throw SqlFailure.unsupported(
                    "The statement type " + st.getClass().getSimpleName() + " is not supported by this workspace.");
        }
        if (!read && !req.allowWrites()) {
            throw new SqlFailure(
                    "BAD_REQUEST",
                    "[READ_ONLY_VIOLATION] Only read-only statements (SELECT) are allowed here; "
                            + "the statement would modify data. SQLSTATE: 25006",
                    "25006");
        }
        Table target = targetOf(st);
        authorizeAndRewrite(st, target, req);
        if (st instanceof CreateTable ct) {
            rewriteDdlTypes(ct);
        }
        String h2Sql = st.toString();
        if (!read) {
            // DDL keeps column options (DEFAULT, GENERATED AS, CHECK) as text JSqlParser does not model as expressions,
            // and
            // H2 would evaluate a FILE_READ there: every routine call in the final text must pass the allow-list too.
            SparkTokens.calledRoutines(h2Sql)
                    .forEach(name -> Routines.check(name, lower(req.catalog()), lower(req.schema())));
        }
        ParameterBinder.Bound bound = ParameterBinder.bind(h2Sql, req.parameters());
        try (Connection c = h2.connect()) {
            if (read) {
                return query(c, bound, req.rowLimit());
            }
            synchronized (writeLock) {
                long affected = update(c, bound);
                applyToMetastore(c, st, target, req);
                writes.add(new ExecutedWrite(clock.instant(), req.user(), req.via(), req.sql(), affected));
                return writeResult(st, affected);
            }
        } catch (SQLException e) {
            throw fromH2(e);
        }
    }

    // ---------------------------------------------------------------- parsing

    private static String lower(String s) {
        return s == null ? null : s.toLowerCase(Locale.ROOT);
    }

    private static Statement single(String sql) {
        if (sql == null || sql.isBlank()) {
            throw SqlFailure.syntax("the statement is empty.");
        }
        Statements parsed;
        try {
            parsed = CCJSqlParserUtil.parseStatements(sql);
        } catch (JSQLParserException e) {
            String msg = e.getCause() != null && e.getCause().getMessage() != null
                    ? e.getCause().getMessage()
                    : e.getMessage();
            throw SqlFailure.syntax(firstLine(msg));
        }
        if (parsed.size() != 1) {
            throw SqlFailure.syntax("expected exactly one statement, got " + parsed.size() + ".");
        }
        return parsed.get(0);
    }

    private static boolean isSupportedWrite(Statement st) {
        return st instanceof Insert
                || st instanceof Update
                || st instanceof Delete
                || st instanceof Merge
                || st instanceof CreateTable
                || st instanceof CreateView
                || st instanceof Drop
                || st instanceof Truncate
                || st instanceof Alter;
    }

    private static Table targetOf(Statement st) {
        if (st instanceof Insert s) {
            return s.getTable();
        } else if (st instanceof Update s) {
            return s.getTable();
        } else if (st instanceof Delete s) {
            return s.getTable();
        } else if (st instanceof Merge s) {
            return s.getTable();
        } else if (st instanceof CreateTable s) {
            return s.getTable();
        } else if (st instanceof CreateView s) {
            return s.getView();
        } else if (st instanceof Drop s) {
            return s.getName();
        } else if (st instanceof Truncate s) {
            return s.getTable();
        } else if (st instanceof Alter s) {
            return s.getTable();
        }
        return null;
    }

    // ---------------------------------------------------------------- name resolution and grants

    private record Resolved(String catalog, String schema, String table) {
        String fullName() {
            return catalog + "." + schema + "." + table;
        }
    }

    private void authorizeAndRewrite(Statement st, Table target, Request req) {
        List<Table> refs = new ArrayList<>();
        Set<String> realTables;
        String cat = lower(req.catalog());
        String sch = lower(req.schema());
        TablesNamesFinder<Void> finder = new TablesNamesFinder<>() {
            @Override
            public <S> Void visit(Table table, S context) {
                refs.add(table);
                return super.visit(table, context);
            }

            @Override
            public <S> Void visit(Function function, S context) {
                Routines.check(function.getName(), cat, sch);
                return super.visit(function, context);
            }

            @Override
            public <S> Void visit(AnalyticExpression analytic, S context) {
                Routines.check(analytic.getName(), cat, sch);
                return super.visit(analytic, context);
            }

            @Override
            public <S> Void visit(CastExpression cast, S context) {
                // CAST(x AS STRING) and friends: Databricks type names H2 does not know
                if (cast.getColDataType() != null && cast.getColDataType().getDataType() != null) {
                    cast.getColDataType()
                            .setDataType(
                                    SqlTypes.h2TypeForDdl(cast.getColDataType().getDataType()));
                }
                return super.visit(cast, context);
            }

            @Override
            public <S> Void visit(TableFunction function, S context) {
                Routines.check(function.getFunction().getName(), cat, sch);
                return super.visit(function, context);
            }

            // H2 routines and syntax JSqlParser models as their own nodes: none of them is Databricks SQL.
            @Override
            public <S> Void visit(MySQLGroupConcat e, S context) {
                throw Routines.unresolved("group_concat", cat, sch);
            }

            @Override
            public <S> Void visit(JsonFunction e, S context) {
                throw Routines.unresolved(String.valueOf(e.getType()).toLowerCase(Locale.ROOT), cat, sch);
            }

            @Override
            public <S> Void visit(JsonAggregateFunction e, S context) {
                throw Routines.unresolved(String.valueOf(e.getType()).toLowerCase(Locale.ROOT), cat, sch);
            }

            @Override
            public <S> Void visit(TranscodingFunction e, S context) {
                throw Routines.unresolved("convert", cat, sch);
            }

            @Override
            public <S> Void visit(XMLSerializeExpr e, S context) {
                throw Routines.unresolved("xmlserialize", cat, sch);
            }

            @Override
            public <S> Void visit(NextValExpression e, S context) {
                throw SqlFailure.unsupported("Sequences are not supported by this workspace.");
            }

            @Override
            public <S> Void visit(UserVariable e, S context) {
                throw SqlFailure.syntax("at or near '@'.");
            }

            @Override
            public <S> Void visit(VariableAssignment e, S context) {
                throw SqlFailure.syntax("at or near '@'.");
            }
        };
        try {
            realTables = finder.getTables(st);
        } catch (UnsupportedOperationException e) {
            throw SqlFailure.unsupported("This statement form is not supported by this workspace.");
        }
        Map<Table, Boolean> done = new IdentityHashMap<>();
        if (target != null && !refs.contains(target)) {
            refs.add(target);
        }
        for (Table t : refs) {
            // CTE names and the like are not tables: TablesNamesFinder leaves them out of its result.
            if (done.put(t, Boolean.TRUE) != null || (t != target && !realTables.contains(t.getFullyQualifiedName()))) {
                continue;
            }
            Resolved r = resolve(t, req);
            if (r.schema().equals("information_schema")) {
                rewriteInfoSchema(t, r, req.user());
            } else {
                authorize(st, t == target, r, req.user());
                t.setDatabaseName(null);
                t.setSchemaName(H2Names.quoted(H2Names.schema(r.catalog(), r.schema())));
                t.setName(H2Names.quoted(r.table()));
            }
        }
    }

    private Resolved resolve(Table t, Request req) {
        List<String> parts = new ArrayList<>();
        for (String p : t.getFullyQualifiedName().split("\\.")) {
            parts.add(unquote(p).toLowerCase(Locale.ROOT));
        }
        String catalog = req.catalog() == null ? null : req.catalog().toLowerCase(Locale.ROOT);
        String schema = req.schema() == null ? null : req.schema().toLowerCase(Locale.ROOT);
        return switch (parts.size()) {
            case 1 -> {
                if (catalog == null || schema == null) {
                    throw SqlFailure.tableNotFound(parts.get(0));
                }
                yield new Resolved(catalog, schema, parts.get(0));
            }
            case 2 -> {
                if (catalog == null) {
                    throw SqlFailure.tableNotFound(parts.get(0) + "." + parts.get(1));
                }
                yield new Resolved(catalog, parts.get(0), parts.get(1));
            }
            case 3 -> new Resolved(parts.get(0), parts.get(1), parts.get(2));
            default -> throw SqlFailure.tableNotFound(String.join(".", parts));
        };
    }

    private static String unquote(String part) {
        if (part.length() >= 2
                && (part.startsWith("`") && part.endsWith("`") || part.startsWith("\"") && part.endsWith("\""))) {
            return part.substring(1, part.length() - 1);
        }
        return part;
    }

    private void rewriteInfoSchema(Table t, Resolved r, String user) {
        if (!H2Store.TAG_TABLES.contains(r.table())) {
            throw SqlFailure.tableNotFound(r.fullName());
        }
        if (!r.catalog().equals("system")) {
            UcCatalog c = metastore.catalog(r.catalog()).orElseThrow(() -> SqlFailure.tableNotFound(r.fullName()));
            if (!access.canUseCatalog(user, c)) {
                throw SqlFailure.permissionDenied("USE CATALOG", "Catalog", c.name());
            }
        }
        int index = users.indexOf(user.toLowerCase(Locale.ROOT));
        t.setDatabaseName(null);
        t.setSchemaName(H2Names.quoted(H2Names.infoSchema(index, r.catalog())));
        t.setName(H2Names.quoted(r.table()));
    }

    private void authorize(Statement st, boolean isTarget, Resolved r, String user) {
        UcCatalog catalog = metastore.catalog(r.catalog()).orElseThrow(() -> SqlFailure.tableNotFound(r.fullName()));
        if (!access.canUseCatalog(user, catalog)) {
            throw SqlFailure.permissionDenied("USE CATALOG", "Catalog", catalog.name());
        }
        UcSchema schema = metastore
                .schema(r.catalog() + "." + r.schema())
                .orElseThrow(() -> SqlFailure.tableNotFound(r.fullName()));
        if (!access.canUseSchema(user, schema)) {
            throw SqlFailure.permissionDenied("USE SCHEMA", "Schema", schema.fullName());
        }
        var table = metastore.table(r.fullName());
        if (isTarget && (st instanceof CreateTable || st instanceof CreateView)) {
            if (!access.canCreateTable(user, r.catalog(), r.schema())) {
                throw SqlFailure.permissionDenied("CREATE TABLE", "Schema", schema.fullName());
            }
            boolean ifNotExists = st instanceof CreateTable ct ? ct.isIfNotExists() : ((CreateView) st).isIfNotExists();
            boolean orReplace = st instanceof CreateTable ct2 ? ct2.isOrReplace() : ((CreateView) st).isOrReplace();
            if (table.isPresent() && !ifNotExists && !orReplace) {
                throw new SqlFailure(
                        "BAD_REQUEST",
                        "[TABLE_OR_VIEW_ALREADY_EXISTS] Cannot create table or view `"
                                + r.fullName().replace(".", "`.`") + "` because it already exists. SQLSTATE: 42P07",
                        "42P07");
            }
            return;
        }
        if (table.isEmpty()) {
            if (isTarget && st instanceof Drop d && d.isIfExists()) {
                return;
            }
            throw SqlFailure.tableNotFound(r.fullName());
        }
        if (isTarget) {
            if (!access.canModify(user, table.get())) {
                throw SqlFailure.permissionDenied("MODIFY", "Table", table.get().fullName());
            }
        } else if (!access.canSelect(user, table.get())) {
            throw SqlFailure.permissionDenied("SELECT", "Table", table.get().fullName());
        }
    }

    private static void rewriteDdlTypes(CreateTable ct) {
        if (ct.getColumnDefinitions() != null) {
            for (ColumnDefinition cd : ct.getColumnDefinitions()) {
                cd.getColDataType()
                        .setDataType(SqlTypes.h2TypeForDdl(cd.getColDataType().getDataType()));
            }
        }
        // USING DELTA, COMMENT, TBLPROPERTIES ...: storage options H2 has no use for.
        ct.setTableOptionsStrings(null);
    }

    /** Rewrites a seeded view's definition to H2 names (no grant checks: views run with their owner's rights). */
    private String rewriteViewDefinition(String sql) {
        Statement st = single(SparkTokens.toH2(sql));
        TablesNamesFinder<Void> finder = new TablesNamesFinder<>() {
            @Override
            public <S> Void visit(Table t, S context) {
                String[] p = t.getFullyQualifiedName().split("\\.");
                if (p.length == 3) {
                    t.setDatabaseName(null);
                    t.setSchemaName(H2Names.quoted(H2Names.schema(p[0], p[1])));
                    t.setName(H2Names.quoted(p[2].toLowerCase(Locale.ROOT)));
                }
                return null;
            }
        };
        finder.getTables(st);
        return st.toString();
    }

    // ---------------------------------------------------------------- execution

    private StatementResult query(Connection c, ParameterBinder.Bound bound, Integer rowLimit) throws SQLException {
        int limit = rowLimit == null ? MAX_ROWS : Math.min(rowLimit, MAX_ROWS);
        try (PreparedStatement ps = c.prepareStatement(bound.sql())) {
            bound.bindTo(ps);
            ps.setMaxRows(limit + 1);
            try (ResultSet rs = ps.executeQuery()) {
                ResultSetMetaData md = rs.getMetaData();
                List<StatementResult.ResultColumn> cols = new ArrayList<>();
                for (int i = 1; i <= md.getColumnCount(); i++) {
                    SqlTypes.DbxType type =
                            SqlTypes.fromH2(md.getColumnTypeName(i), md.getPrecision(i), md.getScale(i));
                    cols.add(new StatementResult.ResultColumn(
                            md.getColumnLabel(i),
                            i - 1,
                            type.typeName(),
                            type.typeText(),
                            type.precision(),
                            type.scale()));
                }
                List<List<String>> rows = new ArrayList<>();
                boolean truncated = false;
                while (rs.next()) {
                    if (rows.size() == limit) {
                        truncated = true;
                        break;
                    }
                    List<String> row = new ArrayList<>(cols.size());
                    for (int i = 1; i <= cols.size(); i++) {
                        row.add(CellFormat.format(rs.getObject(i)));
                    }
                    rows.add(row);
                }
                return new StatementResult(List.copyOf(cols), rows, truncated, false, 0);
            }
        }
    }

    private static long update(Connection c, ParameterBinder.Bound bound) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(bound.sql())) {
            bound.bindTo(ps);
            return Math.max(0, ps.executeLargeUpdate());
        }
    }

    private void applyToMetastore(Connection c, Statement st, Table target, Request req) throws SQLException {
        if (!(st instanceof CreateTable || st instanceof CreateView || st instanceof Drop || st instanceof Alter)) {
            return;
        }
        // The target was rewritten to H2 names; recover the UC name from the H2 schema name.
        String h2Schema = unquote(target.getSchemaName());
        String[] cs = h2Schema.split("__", 2);
        String table = unquote(target.getName());
        String full = cs[0] + "." + cs[1] + "." + table;
        if (st instanceof Drop) {
            metastore.removeTable(full);
        } else {
            List<UcColumn> columns = h2.columnsOf(c, cs[0], cs[1], table);
            var existing = metastore.table(full);
            String tableType = st instanceof CreateView ? "VIEW" : "MANAGED";
            String viewDef = st instanceof CreateView cv ? cv.getSelect().toString() : null;
            UcTable t = existing.filter(e -> st instanceof Alter)
                    .map(e -> new UcTable(
                            e.catalogName(),
                            e.schemaName(),
                            e.name(),
                            e.tableType(),
                            e.dataSourceFormat(),
                            e.comment(),
                            e.owner(),
                            e.viewDefinition(),
                            e.tags(),
                            columns,
                            e.tableId(),
                            e.createdAt(),
                            e.createdBy()))
                    .orElseGet(() -> new UcTable(
                            cs[0],
                            cs[1],
                            table,
                            tableType,
                            st instanceof CreateView ? null : "DELTA",
                            null,
                            req.user(),
                            viewDef,
                            Map.of(),
                            columns,
                            Metastore.stableId("table:" + full + ":" + clock.millis()),
                            clock.millis(),
                            req.user()));
            metastore.putTable(t);
        }
        h2.refreshTagTables(metastore, access, users);
    }

    private static StatementResult writeResult(Statement st, long affected) {
        if (st instanceof Insert || st instanceof Update || st instanceof Delete || st instanceof Merge) {
            List<StatementResult.ResultColumn> cols = new ArrayList<>();
            cols.add(new StatementResult.ResultColumn("num_affected_rows", 0, "LONG", "bigint", null, null));
            List<String> row = new ArrayList<>(List.of(Long.toString(affected)));
            if (st instanceof Insert) {
                cols.add(new StatementResult.ResultColumn("num_inserted_rows", 1, "LONG", "bigint", null, null));
                row.add(Long.toString(affected));
            }
            return new StatementResult(List.copyOf(cols), List.of(row), false, true, affected);
        }
        return new StatementResult(List.of(), List.of(), false, true, affected);
    }

    private static SqlFailure fromH2(SQLException e) {
        String state = e.getSQLState() == null ? "XX000" : e.getSQLState();
        String msg = firstLine(e.getMessage());
        // H2 appends "; SQL statement: ..." with our rewritten names; the caller's SQL is theirs to see, ours is not.
        int cut = msg.indexOf("; SQL statement:");
        if (cut > 0) {
            msg = msg.substring(0, cut);
        }
        msg = msg.replaceAll("\"([a-z0-9_]+)__([a-z0-9_]+)\"\\.", "$1.$2.");
        String errorClass = state.startsWith("42") ? "[INVALID_SQL]" : "[SQL_EXECUTION_ERROR]";
        return new SqlFailure("BAD_REQUEST", errorClass + " " + msg + " SQLSTATE: " + state, state);
    }

    private static String firstLine(String s) {
        if (s == null) {
            return "unknown error";
        }
        int nl = s.indexOf('\n');
        return nl < 0 ? s : s.substring(0, nl);
    }

    @Override
    public void close() {
        h2.close();
    }
}
