package io.lakegate.connector.guard;

import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import net.sf.jsqlparser.expression.Function;
import net.sf.jsqlparser.schema.Column;
import net.sf.jsqlparser.schema.Table;
import net.sf.jsqlparser.statement.Statement;
import net.sf.jsqlparser.statement.select.Select;
import net.sf.jsqlparser.statement.select.TableFunction;

import io.lakegate.connector.guard.GuardDecision.RefusalKind;

/**
 * Decides whether a query reads anything SCI: every table reference (including CTE names, which are checked as if they
 * were tables, so a CTE can never shadow an SCI table in the guard's eyes), every explicitly named column, every
 * {@code *}, and every function. Known views are expanded recursively and their bodies held to the same rules.
 */
final class SelectChecker {

    static final int MAX_VIEW_DEPTH = 8;

    /** Table-valued functions that only turn their arguments into rows; any other one may read storage by name. */
    private static final Set<String> ALLOWED_TABLE_FUNCTIONS = Set.of("explode", "explode_outer", "posexplode",
            "posexplode_outer", "inline", "inline_outer", "stack", "range", "json_tuple");

    /** Scalar functions with effects outside the query or names resolved at run time, which the guard cannot see. */
    private static final Map<String, String> DENIED_FUNCTIONS = Map.of(
            "http_request", "sends requests out of the warehouse",
            "ai_query", "sends rows to a serving endpoint",
            "reflect", "calls arbitrary JVM methods",
            "java_method", "calls arbitrary JVM methods",
            "try_reflect", "calls arbitrary JVM methods",
            "secret", "reads a secret scope",
            "try_secret", "reads a secret scope",
            "identifier", "builds a name at run time that cannot be verified");

    private final DatabricksSqlParser parser;

    SelectChecker(DatabricksSqlParser parser) {
        this.parser = parser;
    }

    /** Checks a user query and rewrites the stars it may rewrite; returns notes about rewrites. */
    List<String> checkQuery(Select select, GuardContext ctx) {
        return check(select, ctx, true, 0);
    }

    /** Resolves and checks one table reference outside a query (DESCRIBE, SHOW COLUMNS). */
    ResolvedTable checkTable(Table table, GuardContext ctx) {
        return resolve(table, ctx, 0);
    }

    /** The resolved facts about one table reference. */
    record ResolvedTable(QualifiedName name, Set<String> sciColumns) {
    }

    private List<String> check(Select select, GuardContext ctx, boolean rewriteStars, int depth) {
        References refs = References.of(select);
        checkFunctions(refs);
        Map<Table, ResolvedTable> resolved = new IdentityHashMap<>();
        Map<String, QualifiedName> sciColumnsInScope = new LinkedHashMap<>();
        for (Table table : refs.tables) {
            ResolvedTable r = resolve(table, ctx, depth);
            resolved.put(table, r);
            r.sciColumns().forEach(c -> sciColumnsInScope.putIfAbsent(c, r.name()));
        }
        checkColumns(refs, sciColumnsInScope);
        if (!sciColumnsInScope.isEmpty() && !refs.naturalJoins.isEmpty()) {
            throw new GuardRefusal(RefusalKind.SCI_COLUMN,
                    "a NATURAL JOIN over a table with SCI columns may join on them implicitly; name the join columns",
                    "NATURAL");
        }
        return new StarRewriter(ctx, resolved, sciColumnsInScope, rewriteStars).rewrite(refs.stars);
    }

    private static void checkFunctions(References refs) {
        for (TableFunction tf : refs.tableFunctions) {
            Function f = tf.getFunction() != null ? tf.getFunction() : tf;
            String name = lastPart(f);
            if (f.getMultipartName().size() > 1 || !ALLOWED_TABLE_FUNCTIONS.contains(name)) {
                throw new GuardRefusal(RefusalKind.FORBIDDEN_FUNCTION, "table-valued function '" + f.getName()
                        + "' can read storage the guard cannot check; only " + ALLOWED_TABLE_FUNCTIONS.stream().sorted()
                        .toList() + " are accepted in FROM", f.getName());
            }
        }
        for (Function f : refs.functions) {
            if (f.getMultipartName() != null && f.getMultipartName().size() > 1) {
                throw new GuardRefusal(RefusalKind.FORBIDDEN_FUNCTION,
                        "user-defined function '" + f.getName() + "' cannot be verified (its body may read SCI data)",
                        f.getName());
            }
            String why = DENIED_FUNCTIONS.get(lastPart(f));
            if (why != null) {
                throw new GuardRefusal(RefusalKind.FORBIDDEN_FUNCTION,
                        "function '" + f.getName() + "' is refused: it " + why, f.getName());
            }
        }
    }

    private static String lastPart(Function f) {
        List<String> parts = f.getMultipartName();
        String name = parts == null || parts.isEmpty() ? f.getName() : parts.get(parts.size() - 1);
        return Identifiers.normalise(name == null ? "" : name);
    }

    private ResolvedTable resolve(Table table, GuardContext ctx, int depth) {
        QualifiedName qn = QualifiedName.resolve(table, ctx.defaultCatalog(), ctx.defaultSchema());
        if (qn.catalog().equals("system") || qn.schema().equals("information_schema")) {
            throw new GuardRefusal(RefusalKind.METADATA_SOURCE, "metadata tables (" + qn
                    + ") list SCI assets and tag assignments; use the discovery tools, which filter them", qn.toString());
        }
        SciLookup sci = ctx.sci();
        if (sci.isSciCatalog(qn.catalog())) {
            throw new GuardRefusal(RefusalKind.SCI_CATALOG,
                    "table " + qn + " is in catalog '" + qn.catalog() + "', which is classified SCI", qn.toString());
        }
        if (sci.isSciSchema(qn.catalog(), qn.schema())) {
            throw new GuardRefusal(RefusalKind.SCI_SCHEMA, "table " + qn + " is in schema '" + qn.catalog() + "."
                    + qn.schema() + "', which is classified SCI", qn.toString());
        }
        if (sci.isSciTable(qn.catalog(), qn.schema(), qn.table())) {
            throw new GuardRefusal(RefusalKind.SCI_TABLE, "table " + qn + " is classified SCI", qn.toString());
        }
        Optional<String> view = sci.viewDefinition(qn.catalog(), qn.schema(), qn.table());
        if (view.isPresent()) {
            expandView(qn, view.get(), ctx, depth);
        }
        Set<String> sciColumns = lowerCase(sci.sciColumns(qn.catalog(), qn.schema(), qn.table()));
        return new ResolvedTable(qn, sciColumns);
    }

    private void expandView(QualifiedName view, String definition, GuardContext ctx, int depth) {
        if (depth + 1 > MAX_VIEW_DEPTH) {
            throw new GuardRefusal(RefusalKind.SCI_VIEW,
                    "view " + view + " nests views deeper than " + MAX_VIEW_DEPTH + " levels and cannot be verified",
                    view.toString());
        }
        try {
            List<Statement> body = parser.parse(definition);
            if (body.size() != 1 || !(body.get(0) instanceof Select select)) {
                throw new GuardRefusal(RefusalKind.UNPARSABLE, "the view body is not a single query", view.toString());
            }
            check(select, ctx.within(view.catalog(), view.schema()), false, depth + 1);
        } catch (GuardRefusal inner) {
            throw new GuardRefusal(RefusalKind.SCI_VIEW,
                    "view " + view + " cannot be read: " + inner.refused().reason(), view.toString());
        }
    }

    private static void checkColumns(References refs, Map<String, QualifiedName> sciColumnsInScope) {
        if (sciColumnsInScope.isEmpty()) {
            return;
        }
        for (Column column : refs.columns) {
            List<String> parts = new ArrayList<>();
            parts.add(column.getColumnName());
            if (column.getTable() != null) {
                parts.addAll(column.getTable().getNameParts());
            }
            for (String part : parts) {
                String name = Identifiers.normalise(part);
                QualifiedName owner = sciColumnsInScope.get(name);
                if (owner != null) {
                    throw new GuardRefusal(RefusalKind.SCI_COLUMN,
                            "column '" + name + "' of table " + owner + " is classified SCI", name);
                }
            }
        }
    }

    private static Set<String> lowerCase(Set<String> names) {
        Set<String> out = new java.util.LinkedHashSet<>();
        for (String n : names) {
            out.add(Identifiers.normalise(n).toLowerCase(Locale.ROOT));
        }
        return out;
    }
}
