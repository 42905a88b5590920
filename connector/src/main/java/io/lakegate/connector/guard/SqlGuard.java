package io.lakegate.connector.guard;

import io.lakegate.connector.guard.GuardDecision.RefusalKind;
import io.lakegate.connector.guard.GuardDecision.StatementKind;
import io.lakegate.connector.guard.MetadataListing.Kind;
import io.lakegate.connector.guard.StatementWalker.Mode;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.antlr.v4.runtime.Token;
import org.apache.spark.sql.catalyst.parser.SqlBaseParser;

/**
 * The query guard in front of every SQL text the connector forwards or shows: exactly one read-only statement, read
 * with Databricks' own grammar ({@link SparkSqlParser}), that cannot reach an SCI asset; else an {@code INVALID_QUERY}
 * refusal naming the offending token.
 *
 * <p>{@link #check} is for SQL the connector sends: what it returns is rendered from the checked tree (see
 * {@link StatementWalker}), and the rendered text must lex back, with the same lexer, into exactly the tokens that were
 * written, so what runs is what was checked whatever lexing tricks the caller tried. {@link #checkExecuted} is for SQL
 * that already ran (Genie's): nothing can be rewritten, so it is allowed only if it provably read no SCI column.
 *
 * <p>Both may answer {@link GuardDecision.NeedsFacts}: the caller looks those tables and namespaces up as the user and
 * asks again with richer {@link GuardFacts}. Pure CPU work: call off the event loop.
 */
public final class SqlGuard {

    public GuardDecision check(String sql, GuardContext ctx) {
        return guarded(sql, () -> decide(sql, ctx, Mode.REWRITE));
    }

    public GuardDecision checkExecuted(String sql, GuardContext ctx) {
        return guarded(sql, () -> decide(sql, ctx, Mode.VERIFY));
    }

    /** Parses statements of the usual shapes once, so that the grammar's one-time setup is not paid by a caller. */
    public void warmUp() {
        GuardContext ctx = new GuardContext("c", "s", GuardFacts.NONE, GuardLimits.DEFAULTS);
        for (String sql : List.of(
                "SELECT a, count(*) FROM t WHERE b = 'x' GROUP BY a ORDER BY 2 DESC LIMIT 10",
                "WITH c AS (SELECT * FROM s.t) SELECT c.a FROM c JOIN u ON c.a = u.a",
                "SHOW TABLES IN c.s",
                "DESCRIBE TABLE c.s.t",
                "SELECT sum(x) OVER (PARTITION BY y ORDER BY z) FROM t")) {
            check(sql, ctx);
        }
    }

    private static GuardDecision guarded(String sql, java.util.function.Supplier<GuardDecision> decision) {
        try {
            return decision.get();
        } catch (GuardRefusal refusal) {
            return refusal.refused();
        } catch (RuntimeException | StackOverflowError unexpected) {
            // fail closed: a parser or walker defect must never let a statement through
            return new GuardDecision.Refused(
                    RefusalKind.UNPARSABLE,
                    "the query could not be verified (" + unexpected.getClass().getSimpleName() + ")",
                    SparkSqlParser.leadingToken(sql == null ? "" : sql));
        }
    }

    private GuardDecision decide(String sql, GuardContext ctx, Mode mode) {
        if (sql == null || sql.isBlank()) {
            throw new GuardRefusal(RefusalKind.EMPTY, "the query is empty", "");
        }
        SparkSqlParser.Parsed parsed;
        try {
            parsed = SparkSqlParser.parseStatement(sql);
        } catch (GuardRefusal refusal) {
            throw notReadOnlyIfCommand(sql, refusal);
        }
        StatementWalker walker = new StatementWalker(ctx, mode);
        SqlBaseParser.StatementContext statement = parsed.tree().statement();
        if (statement == null) {
            // SET / RESET and other session statements sit beside statement() in the grammar
            throw notReadOnly(parsed.tree().getStart().getText());
        }
        StatementKind kind;
        Optional<MetadataListing> listing = Optional.empty();
        if (statement instanceof SqlBaseParser.StatementDefaultContext query) {
            walker.topQuery(query.query());
            kind = StatementKind.SELECT;
        } else if (mode == Mode.REWRITE) {
            listing = metadata(statement, walker, ctx);
            // DESCRIBE TABLE and DESCRIBE QUERY (no listing) describe; every other listing is a SHOW
            kind = listing.map(MetadataListing::kind)
                            .filter(k -> k != Kind.DESCRIBE_TABLE)
                            .isPresent()
                    ? StatementKind.SHOW
                    : StatementKind.DESCRIBE;
        } else {
            throw notReadOnly(statement.getStart().getText());
        }
        if (walker.needs().any()) {
            return new GuardDecision.NeedsFacts(walker.needs().tables, walker.needs().namespaces);
        }
        if (mode == Mode.VERIFY) {
            return new GuardDecision.Allowed(
                    sql, kind, ctx.limits().maxRows(), ctx.limits().maxBytes(), List.of(), Optional.empty());
        }
        String rendered = String.join(" ", walker.output());
        requireSameTokens(rendered, walker.output());
        return new GuardDecision.Allowed(
                rendered, kind, ctx.limits().maxRows(), ctx.limits().maxBytes(), walker.notes(), listing);
    }

    /** SHOW and DESCRIBE, rewritten to name their target fully; their rows are filtered by the caller. */
    private static Optional<MetadataListing> metadata(
            SqlBaseParser.StatementContext statement, StatementWalker walker, GuardContext ctx) {
        if (statement instanceof SqlBaseParser.ShowCatalogsContext show) {
            walker.emit("SHOW", "CATALOGS");
            pattern(walker, show.pattern);
            return Optional.of(new MetadataListing(Kind.CATALOGS, null, null, null));
        }
        if (statement instanceof SqlBaseParser.ShowNamespacesContext show) {
            List<String> parts = show.multipartIdentifier() == null
                    ? List.of()
                    : show.multipartIdentifier().parts.stream()
                            .map(StatementWalker::identifier)
                            .toList();
            String catalog = parts.isEmpty() ? ctx.defaultCatalog() : parts.size() == 1 ? parts.get(0) : null;
            if (catalog == null) {
                throw unqualified(parts.isEmpty() ? "SHOW SCHEMAS" : String.join(".", parts));
            }
            requireVisible(Namespace.catalog(catalog), walker, ctx);
            walker.emit("SHOW", "SCHEMAS", "IN", SqlLiterals.quote(catalog));
            pattern(walker, show.pattern);
            return Optional.of(new MetadataListing(Kind.SCHEMAS, catalog, null, null));
        }
        if (statement instanceof SqlBaseParser.ShowTablesContext
                || statement instanceof SqlBaseParser.ShowViewsContext) {
            boolean views = statement instanceof SqlBaseParser.ShowViewsContext;
            SqlBaseParser.IdentifierReferenceContext in = views
                    ? ((SqlBaseParser.ShowViewsContext) statement).identifierReference()
                    : ((SqlBaseParser.ShowTablesContext) statement).identifierReference();
            SqlBaseParser.StringLitContext pattern = views
                    ? ((SqlBaseParser.ShowViewsContext) statement).pattern
                    : ((SqlBaseParser.ShowTablesContext) statement).pattern;
            List<String> parts = in == null ? List.of() : StatementWalker.nameParts(in);
            String catalog = parts.size() == 2 ? parts.get(0) : ctx.defaultCatalog();
            String schema = parts.size() == 2 ? parts.get(1) : parts.size() == 1 ? parts.get(0) : ctx.defaultSchema();
            if (catalog == null || schema == null || parts.size() > 2) {
                throw unqualified(parts.isEmpty() ? "SHOW TABLES" : String.join(".", parts));
            }
            requireVisible(Namespace.schema(catalog, schema), walker, ctx);
            walker.emit(
                    "SHOW",
                    views ? "VIEWS" : "TABLES",
                    "IN",
                    SqlLiterals.quote(catalog),
                    ".",
                    SqlLiterals.quote(schema));
            pattern(walker, pattern);
            return Optional.of(new MetadataListing(views ? Kind.VIEWS : Kind.TABLES, catalog, schema, null));
        }
        if (statement instanceof SqlBaseParser.ShowColumnsContext show) {
            if (show.ns != null) {
                throw new GuardRefusal(
                        RefusalKind.UNSUPPORTED_CONSTRUCT,
                        "write SHOW COLUMNS IN catalog.schema.table",
                        show.ns.getText());
            }
            QualifiedName table = visibleTable(show.table, walker, ctx);
            walker.emit("SHOW", "COLUMNS", "IN");
            walker.emit(table.quotedParts().toArray(String[]::new));
            return Optional.of(new MetadataListing(Kind.COLUMNS, table.catalog(), table.schema(), table.table()));
        }
        if (statement instanceof SqlBaseParser.DescribeRelationContext describe) {
            if (describe.option != null || describe.partitionSpec() != null || describe.describeColName() != null) {
                String token = describe.option != null
                        ? describe.option.getText()
                        : describe.partitionSpec() != null
                                ? "PARTITION"
                                : describe.describeColName().getText();
                throw new GuardRefusal(
                        RefusalKind.UNSUPPORTED_CONSTRUCT,
                        "only DESCRIBE TABLE catalog.schema.table is "
                                + "accepted (get_table gives the table's details)",
                        token);
            }
            QualifiedName table = visibleTable(describe.identifierReference(), walker, ctx);
            walker.emit("DESCRIBE", "TABLE");
            walker.emit(table.quotedParts().toArray(String[]::new));
            return Optional.of(
                    new MetadataListing(Kind.DESCRIBE_TABLE, table.catalog(), table.schema(), table.table()));
        }
        if (statement instanceof SqlBaseParser.DescribeQueryContext describe) {
            walker.emit("DESCRIBE", "QUERY");
            walker.nestedQuery(describe.query());
            return Optional.empty();
        }
        throw notReadOnly(leadingKeywords(statement));
    }

    private static void pattern(StatementWalker walker, SqlBaseParser.StringLitContext pattern) {
        if (pattern != null) {
            walker.emit("LIKE", SqlLiterals.canonical(pattern.getText()));
        }
    }

    private static void requireVisible(Namespace namespace, StatementWalker walker, GuardContext ctx) {
        Boolean visible = ctx.facts().namespaceVisible(namespace);
        if (visible == null) {
            walker.needs().namespaces.add(namespace);
        } else if (!visible) {
            throw StatementWalker.notFound(namespace);
        }
    }

    /** A table a SHOW COLUMNS or DESCRIBE names: must be known and visible; its rows are filtered afterwards. */
    private static QualifiedName visibleTable(
            SqlBaseParser.IdentifierReferenceContext reference, StatementWalker walker, GuardContext ctx) {
        List<String> parts = StatementWalker.nameParts(reference);
        String written = String.join(".", parts);
        if (parts.size() > 3) {
            throw new GuardRefusal(
                    RefusalKind.UNSUPPORTED_CONSTRUCT,
                    "table name '" + written + "' has more than three parts",
                    written);
        }
        String catalog = parts.size() == 3 ? parts.get(0) : ctx.defaultCatalog();
        String schema = parts.size() >= 2 ? parts.get(parts.size() - 2) : ctx.defaultSchema();
        if (catalog == null || schema == null) {
            throw unqualified(written);
        }
        QualifiedName name = QualifiedName.of(catalog, schema, parts.get(parts.size() - 1));
        Optional<TableFacts> facts = ctx.facts().table(name);
        if (facts == null) {
            walker.needs().tables.add(name);
        } else if (facts.isEmpty()) {
            throw StatementWalker.notFound(name);
        }
        return name;
    }

    /**
     * The rendered text, lexed again by Databricks' lexer, must give back exactly the tokens written: no two tokens
     * merged, none split, nothing read as a comment. Anything else is refused rather than sent.
     */
    private static void requireSameTokens(String rendered, List<String> written) {
        // one lex and parse of the rendered text: its tokens are compared, and it must still be one statement
        List<Token> tokens = SparkSqlParser.parseStatement(rendered).tokens();
        List<String> lexed = new ArrayList<>();
        boolean hidden = false;
        for (Token token : tokens) {
            if (token.getChannel() != Token.DEFAULT_CHANNEL) {
                hidden |= !token.getText().isBlank();
            } else if (token.getType() != Token.EOF) {
                lexed.add(token.getText());
            }
        }
        if (!lexed.equals(written) || hidden) {
            throw new GuardRefusal(
                    RefusalKind.UNPARSABLE,
                    "the query could not be rendered faithfully and is refused",
                    SparkSqlParser.leadingToken(rendered));
        }
    }

    /** Databricks-only commands Spark's grammar lacks (OPTIMIZE, VACUUM, COPY INTO, GRANT...) are writes or admin. */
    private static GuardRefusal notReadOnlyIfCommand(String sql, GuardRefusal refusal) {
        String first = SparkSqlParser.leadingToken(sql).toUpperCase(Locale.ROOT).replaceAll("[^A-Z_].*$", "");
        boolean readShape = first.isEmpty()
                || List.of("SELECT", "WITH", "SHOW", "DESC", "DESCRIBE", "VALUES", "TABLE", "FROM")
                        .contains(first);
        if (readShape || refusal.refused().kind() != RefusalKind.UNPARSABLE) {
            return refusal;
        }
        return notReadOnly(first);
    }

    private static GuardRefusal notReadOnly(String keyword) {
        String k = keyword.toUpperCase(Locale.ROOT);
        return new GuardRefusal(
                RefusalKind.NOT_READ_ONLY,
                "only one SELECT, WITH ... SELECT, SHOW or DESCRIBE statement " + "is accepted; '" + k
                        + "' statements are not",
                k);
    }

    private static String leadingKeywords(SqlBaseParser.StatementContext statement) {
        String text = statement.getStart().getText();
        if (statement.getChildCount() > 1 && statement.getChild(1).getChildCount() == 0) {
            text += " " + statement.getChild(1).getText();
        }
        return text;
    }

    private static GuardRefusal unqualified(String written) {
        return new GuardRefusal(
                RefusalKind.UNQUALIFIED_NAME,
                "'" + written + "' must name its catalog and schema: the "
                        + "namespace the warehouse resolves it in is not known",
                written);
    }
}
