package io.lakegate.connector.guard;

import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import net.sf.jsqlparser.expression.Function;
import net.sf.jsqlparser.expression.OracleHint;
import net.sf.jsqlparser.schema.Column;
import net.sf.jsqlparser.schema.Table;
import net.sf.jsqlparser.statement.Statement;
import net.sf.jsqlparser.statement.delete.Delete;
import net.sf.jsqlparser.statement.insert.Insert;
import net.sf.jsqlparser.statement.merge.Merge;
import net.sf.jsqlparser.statement.select.AllColumns;
import net.sf.jsqlparser.statement.select.AllTableColumns;
import net.sf.jsqlparser.statement.select.Join;
import net.sf.jsqlparser.statement.select.PlainSelect;
import net.sf.jsqlparser.statement.select.Select;
import net.sf.jsqlparser.statement.select.SelectItem;
import net.sf.jsqlparser.statement.select.TableFunction;
import net.sf.jsqlparser.statement.update.Update;

import io.lakegate.connector.guard.GuardDecision.RefusalKind;

/**
 * Everything a query statement references, collected in one structural walk ({@link AstWalker}); write constructs
 * anywhere in the tree (a DML CTE, {@code SELECT ... INTO}, {@code FOR UPDATE}) and other dialects' constructs are
 * refused while walking.
 */
final class References {

    /** A {@code *} or {@code t.*} and the select whose select list holds it (null when inside an expression). */
    record Star(AllColumns star, PlainSelect selectList) {
    }

    final List<Table> tables = new ArrayList<>();
    final List<Column> columns = new ArrayList<>();
    final List<Function> functions = new ArrayList<>();
    final List<TableFunction> tableFunctions = new ArrayList<>();
    final List<Star> stars = new ArrayList<>();
    final List<Join> naturalJoins = new ArrayList<>();
    final List<PlainSelect> selects = new ArrayList<>();

    private final Map<Object, PlainSelect> selectListItems = new IdentityHashMap<>();
    private final Set<Object> columnQualifiers = Collections.newSetFromMap(new IdentityHashMap<>());

    private References() {
    }

    static References of(Select select) {
        References refs = new References();
        AstWalker.walk(select, refs::visit);
        return refs;
    }

    private boolean visit(Object node, Object holder) {
        if (node instanceof Statement statement && !(node instanceof Select)) {
            String keyword = keywordOf(statement);
            throw new GuardRefusal(RefusalKind.NOT_READ_ONLY,
                    "a " + keyword + " statement is nested inside the query; only reads are accepted", keyword);
        }
        if (node instanceof PlainSelect select) {
            visitSelect(select);
        } else if (node instanceof Select select) {
            requireNoLocking(select);
        } else if (node instanceof Table table) {
            if (columnQualifiers.contains(table)) {
                return false; // the "t" of "t.col" or "t.*": a qualifier, not a read of t
            }
            tables.add(table);
            if (table.getIndexHint() != null || table.getSqlServerHints() != null) {
                throw unsupported("table hints", table.getFullyQualifiedName());
            }
        } else if (node instanceof Column column) {
            columns.add(column);
            if (column.getTable() != null) {
                columnQualifiers.add(column.getTable());
            }
        } else if (node instanceof AllColumns star) {
            if (star instanceof AllTableColumns tableStar && tableStar.getTable() != null) {
                columnQualifiers.add(tableStar.getTable());
            }
            boolean countStar = holder instanceof Function f && "count".equalsIgnoreCase(f.getName());
            if (!countStar) {
                stars.add(new Star(star, selectListItems.get(holder)));
            }
        } else if (node instanceof TableFunction tableFunction) {
            tableFunctions.add(tableFunction);
        } else if (node instanceof Function function) {
            functions.add(function);
        } else if (node instanceof Join join && join.isNatural()) {
            naturalJoins.add(join);
        } else if (node instanceof OracleHint) {
            return false; // optimizer hints are dropped before the statement is regenerated
        }
        return true;
    }

    private void visitSelect(PlainSelect select) {
        selects.add(select);
        requireNoLocking(select);
        if (select.getIntoTables() != null && !select.getIntoTables().isEmpty() || select.getIntoTempTable() != null) {
            throw new GuardRefusal(RefusalKind.NOT_READ_ONLY, "SELECT ... INTO writes a table; only reads are accepted",
                    "INTO");
        }
        if (select.getTop() != null || select.getFirst() != null || select.getSkip() != null) {
            throw unsupported("TOP/FIRST/SKIP (use LIMIT)", "TOP");
        }
        for (SelectItem<?> item : select.getSelectItems()) {
            selectListItems.put(item, select);
        }
    }

    private static void requireNoLocking(Select select) {
        if (select.getForMode() != null || select.getForUpdateTable() != null || select.getForClause() != null) {
            throw new GuardRefusal(RefusalKind.NOT_READ_ONLY, "locking clauses are not read-only", "FOR UPDATE");
        }
        if (select.getFetch() != null) {
            throw unsupported("FETCH FIRST (use LIMIT)", "FETCH");
        }
    }

    private static GuardRefusal unsupported(String what, String token) {
        return new GuardRefusal(RefusalKind.UNSUPPORTED_CONSTRUCT, what + " is not Databricks SQL and is refused", token);
    }

    /** The keyword a reader would name for a statement: INSERT for "WITH x AS (...) INSERT ...". */
    static String keywordOf(Statement statement) {
        if (statement instanceof Insert) {
            return "INSERT";
        } else if (statement instanceof Update) {
            return "UPDATE";
        } else if (statement instanceof Delete) {
            return "DELETE";
        } else if (statement instanceof Merge) {
            return "MERGE";
        }
        String text = statement.toString().strip();
        int end = 0;
        while (end < text.length() && Character.isLetter(text.charAt(end))) {
            end++;
        }
        return end == 0 ? statement.getClass().getSimpleName().toUpperCase(Locale.ROOT)
                : text.substring(0, end).toUpperCase(Locale.ROOT);
    }
}
