package io.lakegate.emulator.sql;

import io.lakegate.emulator.access.AccessPolicy;
import io.lakegate.emulator.sql.SparkTokens.Kind;
import io.lakegate.emulator.sql.SparkTokens.Tok;
import io.lakegate.emulator.uc.Metastore;
import io.lakegate.emulator.uc.UcCatalog;
import io.lakegate.emulator.uc.UcColumn;
import io.lakegate.emulator.uc.UcSchema;
import io.lakegate.emulator.uc.UcTable;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Predicate;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * SHOW CATALOGS / SCHEMAS / TABLES / VIEWS / COLUMNS and DESCRIBE [TABLE], answered from the Unity Catalog metastore with
 * the caller's grants, in the result shapes Databricks documents (column names and types). They are read-only, so
 * {@code execute_sql_read_only} runs them as Databricks does; H2's own SHOW would expose its internal schema names.
 */
final class ShowCommands {

    private final Metastore metastore;
    private final AccessPolicy access;

    ShowCommands(Metastore metastore, AccessPolicy access) {
        this.metastore = metastore;
        this.access = access;
    }

    /** True if the statement is one of the commands this class answers. */
    static boolean handles(List<Tok> t) {
        return !t.isEmpty()
                && (t.get(0).isWord("SHOW")
                        || t.get(0).isWord("DESCRIBE")
                        || t.get(0).isWord("DESC"));
    }

    StatementResult run(List<Tok> tokens, String user, String catalog, String schema) {
        Cursor c = new Cursor(tokens);
        if (c.accept("DESCRIBE") || c.accept("DESC")) {
            return describe(c, user, catalog, schema);
        }
        c.expect("SHOW");
        if (c.accept("CATALOGS")) {
            Predicate<String> like = c.likePattern();
            c.end();
            List<List<String>> rows = metastore.catalogs().stream()
                    .filter(k -> access.seesCatalog(user, k))
                    .map(UcCatalog::name)
                    .filter(like)
                    .sorted()
                    .map(n -> List.of(n))
                    .toList();
            return result(rows, col("catalog", "STRING"));
        }
        if (c.accept("SCHEMAS") || c.accept("DATABASES") || c.accept("NAMESPACES")) {
            String cat = catalog;
            if (c.accept("IN") || c.accept("FROM")) {
                cat = c.name(1).get(0);
            }
            Predicate<String> like = c.likePattern();
            c.end();
            UcCatalog k = usableCatalog(user, cat);
            List<List<String>> rows = metastore.schemas(k.name()).stream()
                    .filter(s -> access.seesSchema(user, s))
                    .map(UcSchema::name)
                    .filter(like)
                    .sorted()
                    .map(n -> List.of(n))
                    .toList();
            return result(rows, col("databaseName", "STRING"));
        }
        boolean views = c.accept("VIEWS");
        if (views || c.accept("TABLES")) {
            String[] cs = {catalog, schema};
            if (c.accept("IN") || c.accept("FROM")) {
                List<String> n = c.name(2);
                cs = n.size() == 1 ? new String[] {catalog, n.get(0)} : new String[] {n.get(0), n.get(1)};
            }
            Predicate<String> like = c.likePattern();
            c.end();
            UcSchema s = usableSchema(user, cs[0], cs[1]);
            List<List<String>> rows = metastore.tables(s.catalogName(), s.name()).stream()
                    .filter(t -> access.seesTable(user, t))
                    .filter(t -> !views || "VIEW".equalsIgnoreCase(t.tableType()))
                    .map(UcTable::name)
                    .filter(like)
                    .sorted()
                    .map(n -> List.of(s.name(), n, "false"))
                    .toList();
            return result(
                    rows,
                    col("namespace", "STRING"),
                    col(views ? "viewName" : "tableName", "STRING"),
                    col("isTemporary", "BOOLEAN"));
        }
        if (c.accept("COLUMNS")) {
            if (!(c.accept("IN") || c.accept("FROM"))) {
                throw c.syntaxError();
            }
            List<String> name = c.name(3);
            if (c.accept("IN") || c.accept("FROM")) {
                // SHOW COLUMNS IN t IN s: the schema may qualify an unqualified table only
                List<String> s = c.name(2);
                if (name.size() != 1) {
                    throw new SqlFailure(
                            "BAD_REQUEST",
                            "[SHOW_COLUMNS_WITH_CONFLICT_NAMESPACE] SHOW COLUMNS with conflicting "
                                    + "namespaces. SQLSTATE: 42K05",
                            "42K05");
                }
                List<String> merged = new ArrayList<>(s);
                merged.add(name.get(0));
                name = merged;
            }
            c.end();
            UcTable t = visibleTable(user, qualify(name, catalog, schema));
            List<List<String>> rows =
                    t.columns().stream().map(col -> List.of(col.name())).toList();
            return result(rows, col("col_name", "STRING"));
        }
        // SHOW CREATE TABLE, GRANTS, FUNCTIONS, TBLPROPERTIES, PARTITIONS ...: Databricks SQL, not emulated
        throw SqlFailure.unsupported("This SHOW command is not supported by this workspace.");
    }

    private StatementResult describe(Cursor c, String user, String catalog, String schema) {
        c.accept("TABLE");
        if (c.peekWord("EXTENDED")
                || c.peekWord("FORMATTED")
                || c.peekWord("DETAIL")
                || c.peekWord("HISTORY")
                || c.peekWord("QUERY")
                || c.peekWord("FUNCTION")
                || c.peekWord("CATALOG")
                || c.peekWord("SCHEMA")
                || c.peekWord("DATABASE")) {
            throw SqlFailure.unsupported("This DESCRIBE form is not supported by this workspace.");
        }
        List<String> name = c.name(3);
        c.end();
        UcTable t = visibleTable(user, qualify(name, catalog, schema));
        List<List<String>> rows = new ArrayList<>();
        for (UcColumn col : t.columns()) {
            List<String> row = new ArrayList<>();
            row.add(col.name());
            row.add(col.typeText());
            row.add(col.comment());
            rows.add(row);
        }
        return result(rows, col("col_name", "STRING"), col("data_type", "STRING"), col("comment", "STRING"));
    }

    private static List<String> qualify(List<String> name, String catalog, String schema) {
        return switch (name.size()) {
            case 1 -> {
                if (catalog == null || schema == null) {
                    throw SqlFailure.tableNotFound(name.get(0));
                }
                yield List.of(catalog, schema, name.get(0));
            }
            case 2 -> {
                if (catalog == null) {
                    throw SqlFailure.tableNotFound(String.join(".", name));
                }
                yield List.of(catalog, name.get(0), name.get(1));
            }
            default -> name;
        };
    }

    private UcCatalog usableCatalog(String user, String name) {
        UcCatalog k = name == null ? null : metastore.catalog(name).orElse(null);
        if (k == null) {
            throw new SqlFailure(
                    "BAD_REQUEST",
                    "[NO_SUCH_CATALOG_EXCEPTION] Catalog '" + name + "' was not found. Please "
                            + "verify the catalog name and then retry the query or command again. SQLSTATE: 42704",
                    "42704");
        }
        if (!access.canUseCatalog(user, k)) {
            throw SqlFailure.permissionDenied("USE CATALOG", "Catalog", k.name());
        }
        return k;
    }

    private UcSchema usableSchema(String user, String catalog, String schema) {
        UcCatalog k = usableCatalog(user, catalog);
        UcSchema s = schema == null
                ? null
                : metastore.schema(k.name() + "." + schema).orElse(null);
        if (s == null) {
            throw new SqlFailure(
                    "BAD_REQUEST",
                    "[SCHEMA_NOT_FOUND] The schema `" + k.name() + "`.`" + schema + "` cannot be "
                            + "found. Verify the spelling and correctness of the schema and catalog. SQLSTATE: 42704",
                    "42704");
        }
        if (!access.canUseSchema(user, s)) {
            throw SqlFailure.permissionDenied("USE SCHEMA", "Schema", s.fullName());
        }
        return s;
    }

    private UcTable visibleTable(String user, List<String> name) {
        String full = String.join(".", name);
        UcCatalog k = metastore.catalog(name.get(0)).orElseThrow(() -> SqlFailure.tableNotFound(full));
        if (!access.canUseCatalog(user, k)) {
            throw SqlFailure.permissionDenied("USE CATALOG", "Catalog", k.name());
        }
        UcSchema s =
                metastore.schema(name.get(0) + "." + name.get(1)).orElseThrow(() -> SqlFailure.tableNotFound(full));
        if (!access.canUseSchema(user, s)) {
            throw SqlFailure.permissionDenied("USE SCHEMA", "Schema", s.fullName());
        }
        UcTable t = metastore.table(full).orElseThrow(() -> SqlFailure.tableNotFound(full));
        if (!access.seesTable(user, t)) {
            throw SqlFailure.permissionDenied("SELECT", "Table", t.fullName());
        }
        return t;
    }

    private static StatementResult.ResultColumn col(String name, String type) {
        return new StatementResult.ResultColumn(name, -1, type, type.toLowerCase(Locale.ROOT), null, null);
    }

    private static StatementResult result(List<List<String>> rows, StatementResult.ResultColumn... cols) {
        List<StatementResult.ResultColumn> numbered = new ArrayList<>();
        for (int i = 0; i < cols.length; i++) {
            StatementResult.ResultColumn c = cols[i];
            numbered.add(new StatementResult.ResultColumn(c.name(), i, c.typeName(), c.typeText(), null, null));
        }
        return new StatementResult(List.copyOf(numbered), new ArrayList<>(rows), false, false, 0);
    }

    /** A tiny recursive-descent reader over the significant tokens. */
    private static final class Cursor {
        private final List<Tok> tokens;
        private int pos;

        Cursor(List<Tok> tokens) {
            this.tokens = tokens;
        }

        boolean accept(String word) {
            if (peekWord(word)) {
                pos++;
                return true;
            }
            return false;
        }

        boolean peekWord(String word) {
            return pos < tokens.size() && tokens.get(pos).isWord(word);
        }

        void expect(String word) {
            if (!accept(word)) {
                throw syntaxError();
            }
        }

        /** A dotted name of 1..max parts (words or backtick identifiers), lower case. */
        List<String> name(int max) {
            List<String> parts = new ArrayList<>();
            do {
                if (pos >= tokens.size() || tokens.get(pos).name() == null) {
                    throw syntaxError();
                }
                parts.add(tokens.get(pos++).name());
            } while (pos < tokens.size()
                    && tokens.get(pos).kind() == Kind.SYMBOL
                    && tokens.get(pos).text().equals(".")
                    && ++pos > 0);
            if (parts.size() > max) {
                throw new SqlFailure(
                        "BAD_REQUEST",
                        "[REQUIRES_SINGLE_PART_NAMESPACE] The name `" + String.join("`.`", parts)
                                + "` has too many name parts. SQLSTATE: 42K05",
                        "42K05");
            }
            return parts;
        }

        /** {@code [LIKE] 'pattern'}: Spark's pattern ({@code *} any run, {@code |} alternatives, else a regex). */
        Predicate<String> likePattern() {
            boolean like = accept("LIKE");
            if (pos < tokens.size() && tokens.get(pos).kind() == Kind.STRING) {
                String pattern = tokens.get(pos++).value();
                List<Pattern> alternatives = new ArrayList<>();
                for (String p : pattern.trim().split("\\|")) {
                    try {
                        alternatives.add(Pattern.compile(p.trim().replace("*", ".*"), Pattern.CASE_INSENSITIVE));
                    } catch (PatternSyntaxException e) {
                        // Spark skips a pattern that is not a valid regular expression
                    }
                }
                return name ->
                        alternatives.stream().anyMatch(p -> p.matcher(name).matches());
            }
            if (like) {
                throw syntaxError();
            }
            return name -> true;
        }

        void end() {
            if (pos != tokens.size()) {
                throw syntaxError();
            }
        }

        SqlFailure syntaxError() {
            String near = pos < tokens.size() ? tokens.get(pos).text() : "end of input";
            return SqlFailure.syntaxAt(near, null);
        }
    }
}
