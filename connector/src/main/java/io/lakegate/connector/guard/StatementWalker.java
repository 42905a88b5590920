package io.lakegate.connector.guard;

import io.lakegate.connector.guard.GuardDecision.RefusalKind;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.antlr.v4.runtime.ParserRuleContext;
import org.antlr.v4.runtime.Token;
import org.antlr.v4.runtime.tree.ParseTree;
import org.antlr.v4.runtime.tree.TerminalNode;
import org.apache.spark.sql.catalyst.parser.SqlBaseLexer;
import org.apache.spark.sql.catalyst.parser.SqlBaseParser;
import org.apache.spark.sql.catalyst.parser.SqlBaseParser.ErrorCapturingIdentifierContext;
import org.apache.spark.sql.catalyst.parser.SqlBaseParser.IdentifierReferenceContext;
import org.apache.spark.sql.catalyst.parser.SqlBaseParser.QueryContext;
import org.apache.spark.sql.catalyst.parser.SqlBaseParser.SampleContext;
import org.apache.spark.sql.catalyst.parser.SqlBaseParser.TableAliasContext;
import org.apache.spark.sql.catalyst.parser.SqlBaseParser.TemporalClauseContext;

/**
 * One walk over a parsed query, accepting only grammar rules on an allow-list (anything else, including rules a newer
 * grammar adds, is refused), in one of two modes.
 *
 * <p>{@link Mode#REWRITE} (SQL the connector will send) writes the statement out token by token: comments and hints
 * are gone, string literals are written canonically, every table is fully qualified and quoted, every table that has
 * SCI columns becomes a derived table selecting only its other columns (so no star, alias column list, struct, set
 * operation or position can reach an SCI column), CTEs are renamed so that no CTE can shadow a table or be mistaken
 * for one, and the row limit is enforced.
 *
 * <p>{@link Mode#VERIFY} (SQL that already ran: Genie's, a view's definition) writes nothing and instead proves that
 * no SCI column can have been read: when a table with SCI columns is involved, the query must name no SCI column and
 * use nothing positional (star, alias column lists, NATURAL joins).
 *
 * <p>Tables not yet known are collected instead of failing, so one walk names everything the next round must look up.
 */
public final class StatementWalker {

    enum Mode {
        REWRITE,
        VERIFY
    }

    public static final int MAX_VIEW_DEPTH = 8;
    static final String CTE_PREFIX = "__lg_cte_";

    /** Rules rendered by walking their children; special rules are handled by name below. */
    private static final Set<Class<?>> GENERIC = contexts("""
            QueryTermDefault SetOperation QueryPrimaryDefault Subquery FromStmt FromStatement FromStatementBody
            InlineTableDefault1 InlineTableDefault2 InlineTable RegularQuerySpecification SelectClause SetQuantifier
            NamedExpressionSeq NamedExpression Expression ExpressionSeq Predicated Predicate LogicalNot LogicalBinary
            Exists ErrorCapturingNot ValueExpressionDefault ArithmeticUnary ArithmeticBinary ShiftExpression
            ShiftOperator Comparison ComparisonOperator CurrentLike Timestampadd Timestampdiff DatetimeUnit SearchedCase
            SimpleCase WhenClause Cast CastByColon Collate CollateClause Struct First Any_value Last Position
            ConstantDefault ExceptClause MultipartIdentifierList RowConstructor SubqueryExpression FunctionArgument
            NamedArgumentExpression Lambda Subscript ColumnReference Dereference ParenthesizedExpression Extract
            Substring Trim Overlay SemiStructuredExtract SemiStructuredExtractionPath JsonPathParts JsonPathFirstPart
            JsonPathIdentifier JsonPathBracketedIdentifier NullLiteral IntervalLiteral Interval
            ErrorCapturingMultiUnitsInterval MultiUnitsInterval ErrorCapturingUnitToUnitInterval UnitToUnitInterval
            IntervalValue UnitInMultiUnits UnitInUnitToUnit TypeConstructor LiteralType NumericLiteral ExponentLiteral
            DecimalLiteral LegacyDecimalLiteral IntegerLiteral BigIntLiteral SmallIntLiteral TinyIntLiteral
            DoubleLiteral FloatLiteral BigDecimalLiteral BooleanLiteral BooleanValue StringLiteral StringLit
            SingleStringLit SingleStringLiteralValue SingleDoubleQuotedStringLiteralValue ComplexDataType
            PrimitiveDataType PrimitiveType NonTrivialPrimitiveType TrivialPrimitiveType ComplexColTypeList
            ComplexColType FromClause Relation RelationExtension JoinType JoinCriteria IdentifierList IdentifierSeq
            AliasedQuery AliasedRelation TableValuedFunction FunctionTableArgument Sample SampleByPercentile
            SampleByRows SampleByBytes IntegerVal TemporalClause Version WhereClause HavingClause AggregationClause
            GroupByClause GroupingAnalytics GroupingElement GroupingSet WindowClause NamedWindow WindowRef WindowDef
            WindowFrame FrameBound SortItem PivotClause PivotColumn PivotValue UnpivotClause UnpivotNullClause
            UnpivotOperator UnpivotSingleValueColumnClause UnpivotMultiValueColumnClause UnpivotColumnSet
            UnpivotValueColumn UnpivotNameColumn UnpivotColumnAndAlias UnpivotColumn UnpivotAlias Identifier
            UnquotedIdentifier QuotedIdentifierAlternative QuotedIdentifier BackQuotedIdentifier
            ErrorCapturingIdentifier RealIdent NonReserved StrictNonReserved AnsiNonReserved QualifiedName
            MultipartIdentifier FunctionName""");

    private final GuardContext ctx;
    private final Mode mode;
    private final int viewDepth;
    private final Needs needs;
    private final AtomicInteger cteNames;
    private final List<String> out = new ArrayList<>();
    private final Deque<Map<String, String>> cteScopes = new ArrayDeque<>();
    private final List<String> notes = new ArrayList<>();
    // VERIFY-mode evidence
    private final Set<String> sciColumnsInvolved = new HashSet<>();
    private final Set<String> namesUsed = new HashSet<>();
    private String positionalConstruct;

    /** What the next lookup round must fetch; shared by a walk and the walks of the views it reads. */
    static final class Needs {
        final Set<QualifiedName> tables = new HashSet<>();
        final Set<Namespace> namespaces = new HashSet<>();

        boolean any() {
            return !tables.isEmpty() || !namespaces.isEmpty();
        }
    }

    StatementWalker(GuardContext ctx, Mode mode) {
        this(ctx, mode, 0, new Needs(), new AtomicInteger());
    }

    private StatementWalker(GuardContext ctx, Mode mode, int viewDepth, Needs needs, AtomicInteger cteNames) {
        this.ctx = ctx;
        this.mode = mode;
        this.viewDepth = viewDepth;
        this.needs = needs;
        this.cteNames = cteNames;
    }

    List<String> output() {
        return out;
    }

    List<String> notes() {
        return notes;
    }

    Needs needs() {
        return needs;
    }

    /** A whole query at the top of a statement (the row limit applies here). */
    void topQuery(QueryContext query) {
        query(query, mode == Mode.REWRITE);
        if (mode == Mode.VERIFY) {
            requireNoSciColumnRead();
        }
    }

    /** A query nested in another statement ({@code DESCRIBE QUERY}): rewritten, no row limit. */
    void nestedQuery(QueryContext query) {
        query(query, false);
    }

    void emit(String... tokens) {
        if (mode == Mode.REWRITE) {
            out.addAll(List.of(tokens));
        }
    }

    // ---------------------------------------------------------------------------------------------------------------
    // generic walk

    private void walk(ParseTree node) {
        if (node instanceof TerminalNode terminal) {
            token(terminal.getSymbol());
            return;
        }
        ParserRuleContext rule = (ParserRuleContext) node;
        if (rule instanceof SqlBaseParser.HintContext) {
            return; // optimizer hints are dropped: they are not part of what the query reads
        }
        if (rule instanceof QueryContext query) {
            query(query, false);
        } else if (rule instanceof SqlBaseParser.TableNameContext table) {
            tableName(table);
        } else if (rule instanceof SqlBaseParser.TableContext table) {
            tableQuery(table);
        } else if (rule instanceof SqlBaseParser.FunctionCallContext call) {
            functionCall(call);
        } else if (rule instanceof SqlBaseParser.FunctionTableContext table) {
            functionTable(table);
        } else if (rule instanceof SqlBaseParser.LateralViewContext view) {
            lateralView(view);
        } else if (rule instanceof SqlBaseParser.StarContext star) {
            star(star);
        } else if (rule instanceof TableAliasContext alias) {
            alias(alias);
        } else if (rule instanceof SqlBaseParser.JoinRelationContext join) {
            join(join);
        } else if (GENERIC.contains(rule.getClass())) {
            children(rule);
        } else {
            throw unsupported(rule);
        }
    }

    private void children(ParserRuleContext rule) {
        if (rule.children != null) {
            for (ParseTree child : rule.children) {
                walk(child);
            }
        }
    }

    private void token(Token token) {
        int type = token.getType();
        if (type == Token.EOF || type == SqlBaseLexer.SEMICOLON) {
            return;
        }
        if (type == SqlBaseLexer.STRING_LITERAL || type == SqlBaseLexer.DOUBLEQUOTED_STRING) {
            emit(SqlLiterals.canonical(token.getText()));
            return;
        }
        if (mode == Mode.VERIFY) {
            namesUsed.add(SqlLiterals.identifier(token.getText()));
        }
        emit(token.getText());
    }

    // ---------------------------------------------------------------------------------------------------------------
    // queries and CTEs

    private void query(QueryContext query, boolean enforceLimit) {
        SqlBaseParser.CtesContext ctes = query.ctes();
        if (ctes != null) {
            cteScopes.push(new HashMap<>());
        }
        try {
            if (ctes != null) {
                ctes(ctes);
            }
            walk(query.queryTerm());
            queryOrganization(query.queryOrganization(), enforceLimit);
        } finally {
            if (ctes != null) {
                cteScopes.pop();
            }
        }
    }

    private void ctes(SqlBaseParser.CtesContext ctes) {
        Map<String, String> scope = cteScopes.peek();
        boolean recursive = ctes.children.stream()
                .anyMatch(c -> c instanceof TerminalNode t && t.getSymbol().getType() == SqlBaseLexer.RECURSIVE);
        for (ParseTree child : ctes.children) {
            if (child instanceof TerminalNode terminal) {
                emit(terminal.getText());
                continue;
            }
            if (!(child instanceof SqlBaseParser.NamedQueryContext named)) {
                throw unsupported((ParserRuleContext) child);
            }
            String name = identifier(named.name);
            String renamed = CTE_PREFIX + cteNames.incrementAndGet();
            if (recursive) {
                scope.put(name, renamed);
            }
            emit(SqlLiterals.quote(renamed));
            if (named.columnAliases != null) {
                positional("a CTE column list");
                walk(named.columnAliases);
            }
            emit("AS", "(");
            query(named.query(), false);
            emit(")");
            // a CTE is visible to the CTEs after it and to the query, never to itself unless RECURSIVE
            scope.put(name, renamed);
        }
    }

    private void queryOrganization(SqlBaseParser.QueryOrganizationContext organization, boolean enforceLimit) {
        long maxRows = ctx.limits().maxRows();
        boolean limited = false;
        List<ParseTree> children = organization.children == null ? List.of() : organization.children;
        for (int i = 0; i < children.size(); i++) {
            ParseTree child = children.get(i);
            boolean limitKeyword =
                    child instanceof TerminalNode t && t.getSymbol().getType() == SqlBaseLexer.LIMIT;
            boolean offsetKeyword =
                    child instanceof TerminalNode t && t.getSymbol().getType() == SqlBaseLexer.OFFSET;
            if (enforceLimit && offsetKeyword && !limited) {
                emit("LIMIT", Long.toString(maxRows));
                notes.add("at most " + maxRows + " rows are returned");
                limited = true;
            }
            if (enforceLimit && limitKeyword) {
                ParseTree value = children.get(i + 1);
                Long written = integerLiteral(value);
                if (written != null && written <= maxRows) {
                    emit("LIMIT", Long.toString(written));
                } else {
                    emit("LIMIT", Long.toString(maxRows));
                    notes.add("the row limit was lowered to " + maxRows);
                }
                limited = true;
                i++;
                continue;
            }
            walk(child);
        }
        if (enforceLimit && !limited) {
            emit("LIMIT", Long.toString(maxRows));
        }
    }

    private static Long integerLiteral(ParseTree value) {
        String text = value.getText();
        if (!text.matches("[0-9]{1,18}")) {
            return null;
        }
        return Long.parseLong(text);
    }

    // ---------------------------------------------------------------------------------------------------------------
    // tables

    private void tableName(SqlBaseParser.TableNameContext table) {
        for (ParseTree child : table.children) {
            if (!(child instanceof IdentifierReferenceContext
                    || child instanceof TemporalClauseContext
                    || child instanceof SampleContext
                    || child instanceof TableAliasContext)) {
                throw unsupported(child instanceof ParserRuleContext rule ? rule : table);
            }
        }
        relation(table.identifierReference(), table.temporalClause(), table.sample(), table.tableAlias());
    }

    /** {@code TABLE x}: the same as {@code SELECT * FROM x}, written that way. */
    private void tableQuery(SqlBaseParser.TableContext table) {
        emit("SELECT", "*", "FROM");
        positional("TABLE");
        relation(table.identifierReference(), null, null, null);
    }

    private void relation(
            IdentifierReferenceContext reference,
            TemporalClauseContext temporal,
            SampleContext sample,
            TableAliasContext alias) {
        List<String> parts = nameParts(reference);
        String written = String.join(".", parts);
        if (parts.size() == 1 && cte(parts.get(0)).isPresent()) {
            emit(SqlLiterals.quote(cte(parts.get(0)).get()));
            walkIfPresent(temporal);
            walkIfPresent(sample);
            aliasOr(alias, parts.get(0));
            return;
        }
        QualifiedName name = qualify(parts, written);
        if (ctx.refusesMetadataTable(name)) {
            throw new GuardRefusal(
                    RefusalKind.METADATA_SOURCE,
                    "system and information_schema tables list protected "
                            + "names and tags; only those an administrator allowed may be read",
                    name.toString());
        }
        Optional<TableFacts> known = ctx.facts().table(name);
        if (known == null) {
            needs.tables.add(name);
            emit(name.quotedParts().toArray(String[]::new));
            return;
        }
        TableFacts facts = known.orElseThrow(() -> notFound(name));
        if (facts.columns().isEmpty()) {
            // without its column list nothing can say which of its columns are SCI
            throw unverifiable("the columns of " + name + " are not known", name.toString());
        }
        if (facts.view()) {
            verifyView(facts);
        }
        if (mode == Mode.VERIFY) {
            facts.sciColumns().forEach(c -> sciColumnsInvolved.add(c.toLowerCase(Locale.ROOT)));
            walkIfPresent(temporal);
            walkIfPresent(sample);
            walkIfPresent(alias);
            return;
        }
        if (!facts.hasSciColumns()) {
            emit(name.quotedParts().toArray(String[]::new));
            walkIfPresent(temporal);
            walkIfPresent(sample);
            walkIfPresent(alias);
            return;
        }
        List<String> permitted = facts.permittedColumns();
        if (permitted.isEmpty()) {
            throw notFound(name);
        }
        emit("(", "SELECT");
        for (int i = 0; i < permitted.size(); i++) {
            if (i > 0) {
                emit(",");
            }
            emit(SqlLiterals.quote(permitted.get(i)));
        }
        emit("FROM");
        emit(name.quotedParts().toArray(String[]::new));
        walkIfPresent(temporal);
        emit(")");
        walkIfPresent(sample);
        aliasOr(alias, name.table());
    }

    private void aliasOr(TableAliasContext alias, String defaultAlias) {
        if (alias != null && alias.strictIdentifier() != null) {
            walk(alias);
        } else {
            emit("AS", SqlLiterals.quote(defaultAlias));
        }
    }

    private void walkIfPresent(ParserRuleContext rule) {
        if (rule != null) {
            walk(rule);
        }
    }

    private QualifiedName qualify(List<String> parts, String written) {
        String catalog;
        String schema;
        switch (parts.size()) {
            case 1 -> {
                catalog = ctx.defaultCatalog();
                schema = ctx.defaultSchema();
            }
            case 2 -> {
                catalog = ctx.defaultCatalog();
                schema = parts.get(0);
            }
            case 3 -> {
                catalog = parts.get(0);
                schema = parts.get(1);
            }
            default ->
                throw new GuardRefusal(
                        RefusalKind.UNSUPPORTED_CONSTRUCT,
                        "table name '" + written + "' has more than three parts",
                        written);
        }
        if (catalog == null || schema == null) {
            throw new GuardRefusal(
                    RefusalKind.UNQUALIFIED_NAME,
                    "table '" + written
                            + "' must be written as catalog.schema.table: the namespace the warehouse resolves it in is not known",
                    written);
        }
        return QualifiedName.of(catalog, schema, parts.get(parts.size() - 1));
    }

    /** Name parts, lower-case and unquoted; {@code IDENTIFIER('a.b')} only with a constant string. */
    static List<String> nameParts(IdentifierReferenceContext reference) {
        SqlBaseParser.MultipartIdentifierContext multipart = reference.multipartIdentifier();
        if (multipart == null) {
            String value = constantString(reference.expression())
                    .orElseThrow(() -> new GuardRefusal(
                            RefusalKind.UNSUPPORTED_CONSTRUCT,
                            "IDENTIFIER() is accepted only with a constant name",
                            "IDENTIFIER"));
            multipart = SparkSqlParser.parseMultipartIdentifier(value);
        }
        List<String> parts = new ArrayList<>();
        for (ErrorCapturingIdentifierContext part : multipart.parts) {
            parts.add(identifier(part));
        }
        return parts;
    }

    private static Optional<String> constantString(ParserRuleContext expression) {
        List<Token> tokens = new ArrayList<>();
        collectTokens(expression, tokens);
        if (tokens.isEmpty()
                || !tokens.stream()
                        .allMatch(t -> t.getType() == SqlBaseLexer.STRING_LITERAL
                                || t.getType() == SqlBaseLexer.DOUBLEQUOTED_STRING)) {
            return Optional.empty();
        }
        return Optional.of(
                tokens.stream().map(t -> SqlLiterals.decode(t.getText())).collect(Collectors.joining()));
    }

    private static void collectTokens(ParseTree node, List<Token> into) {
        if (node instanceof TerminalNode terminal) {
            into.add(terminal.getSymbol());
        } else {
            for (int i = 0; i < node.getChildCount(); i++) {
                collectTokens(node.getChild(i), into);
            }
        }
    }

    static String identifier(ErrorCapturingIdentifierContext part) {
        if (part.errorCapturingIdentifierExtra() instanceof SqlBaseParser.ErrorIdentContext) {
            throw new GuardRefusal(
                    RefusalKind.UNPARSABLE,
                    "'" + part.getText() + "' is not a valid name (quote it in backticks)",
                    part.getText());
        }
        return SqlLiterals.identifier(part.identifier().getText());
    }

    private Optional<String> cte(String name) {
        for (Map<String, String> scope : cteScopes) {
            String renamed = scope.get(name);
            if (renamed != null) {
                return Optional.of(renamed);
            }
        }
        return Optional.empty();
    }

    /**
     * A view runs as defined, so what it reads is verified, not rewritten: its definition is walked in the view's own
     * namespace, and a view whose definition is unknown, unparsable or nested too deep is refused.
     */
    private void verifyView(TableFacts view) {
        String written = view.name().toString();
        if (viewDepth >= MAX_VIEW_DEPTH) {
            throw unverifiable(
                    "the view " + written + " nests views deeper than " + MAX_VIEW_DEPTH + " levels", written);
        }
        String definition = view.viewDefinition()
                .orElseThrow(
                        () -> unverifiable("the definition of the view " + written + " is not available", written));
        SparkSqlParser.Parsed parsed;
        try {
            parsed = SparkSqlParser.parseStatement(definition);
        } catch (GuardRefusal refusal) {
            throw unverifiable("the definition of the view " + written + " cannot be verified", written);
        }
        if (!(parsed.tree().statement() instanceof SqlBaseParser.StatementDefaultContext body)) {
            throw unverifiable("the definition of the view " + written + " is not a query", written);
        }
        GuardContext inView = ctx.within(view.name().catalog(), view.name().schema());
        StatementWalker viewWalker = new StatementWalker(inView, Mode.VERIFY, viewDepth + 1, needs, cteNames);
        try {
            viewWalker.topQuery(body.query());
        } catch (GuardRefusal refusal) {
            throw unverifiable("the view " + written + " reads data that cannot be verified", written);
        }
    }

    // ---------------------------------------------------------------------------------------------------------------
    // functions

    private void functionCall(SqlBaseParser.FunctionCallContext call) {
        requireAllowedFunction(call.functionName(), FunctionAllowList::allowed);
        children(call);
    }

    private void functionTable(SqlBaseParser.FunctionTableContext table) {
        requireAllowedFunction(table.functionName(), name -> FunctionAllowList.TABLE_FUNCTIONS.contains(name));
        for (SqlBaseParser.FunctionTableArgumentContext argument : table.functionTableArgument()) {
            if (argument.functionArgument() == null) {
                throw new GuardRefusal(
                        RefusalKind.UNSUPPORTED_CONSTRUCT,
                        "table arguments to table functions are not accepted",
                        "TABLE");
            }
        }
        children(table);
    }

    private void lateralView(SqlBaseParser.LateralViewContext view) {
        String name = qualifiedName(view.qualifiedName());
        if (!FunctionAllowList.GENERATORS.contains(name)) {
            throw forbiddenFunction(name);
        }
        children(view);
    }

    private void requireAllowedFunction(
            SqlBaseParser.FunctionNameContext function, java.util.function.Predicate<String> allowed) {
        if (function.qualifiedName() == null) {
            String keyword = function.getStart().getText().toLowerCase(Locale.ROOT);
            if (function.getChildCount() != 1 || !allowed.test(keyword)) {
                // IDENTIFIER(...) as a function name computes the function to call
                throw forbiddenFunction(function.getText());
            }
            return;
        }
        String name = qualifiedName(function.qualifiedName());
        if (name.contains(".") || !allowed.test(name)) {
            throw forbiddenFunction(name);
        }
    }

    private static String qualifiedName(SqlBaseParser.QualifiedNameContext name) {
        return name.identifier().stream()
                .map(i -> SqlLiterals.identifier(i.getText()))
                .collect(Collectors.joining("."));
    }

    // ---------------------------------------------------------------------------------------------------------------
    // positional constructs (VERIFY evidence)

    private void star(SqlBaseParser.StarContext star) {
        if (!isCountStar(star)) {
            positional("*");
        }
        children(star);
    }

    private static boolean isCountStar(SqlBaseParser.StarContext star) {
        ParserRuleContext node = star.getParent();
        while (node != null && !(node instanceof SqlBaseParser.FunctionArgumentContext)) {
            if (!(node instanceof SqlBaseParser.ValueExpressionDefaultContext
                    || node instanceof SqlBaseParser.PredicatedContext
                    || node instanceof SqlBaseParser.ExpressionContext)) {
                return false;
            }
            node = node.getParent();
        }
        return node != null
                && node.getParent() instanceof SqlBaseParser.FunctionCallContext call
                && call.functionName().qualifiedName() != null
                && "count".equals(qualifiedName(call.functionName().qualifiedName()))
                && call.functionArgument().size() == 1
                && star.qualifiedName() == null
                && star.exceptClause() == null;
    }

    private void alias(TableAliasContext alias) {
        if (alias.identifierList() != null) {
            positional("a table alias column list");
        }
        children(alias);
    }

    private void join(SqlBaseParser.JoinRelationContext join) {
        if (join.NATURAL() != null) {
            positional("NATURAL JOIN");
        }
        children(join);
    }

    private void positional(String construct) {
        if (positionalConstruct == null) {
            positionalConstruct = construct;
        }
    }

    /** VERIFY: with a table that has SCI columns in play, the query must provably not read one. */
    private void requireNoSciColumnRead() {
        if (sciColumnsInvolved.isEmpty()) {
            return;
        }
        if (positionalConstruct != null) {
            throw unverifiable(
                    "the query reads columns by position (" + positionalConstruct
                            + ") from a table with protected columns",
                    positionalConstruct);
        }
        for (String name : namesUsed) {
            if (sciColumnsInvolved.contains(name)) {
                throw unverifiable("the query reads a protected column", "");
            }
        }
    }

    // ---------------------------------------------------------------------------------------------------------------
    // refusals

    /** A missing, invisible and SCI table answer with the same words (no oracle). */
    static GuardRefusal notFound(QualifiedName name) {
        String quoted = String.join("", name.quotedParts());
        return new GuardRefusal(
                RefusalKind.NOT_FOUND,
                "[TABLE_OR_VIEW_NOT_FOUND] The table or view " + quoted
                        + " cannot be found. Verify the spelling and correctness of the schema and catalog.",
                name.toString());
    }

    static GuardRefusal notFound(Namespace namespace) {
        String kind = namespace.schema() == null
                ? "[NO_SUCH_CATALOG_EXCEPTION] The catalog "
                : "[SCHEMA_NOT_FOUND] The schema ";
        return new GuardRefusal(
                RefusalKind.NOT_FOUND,
                kind + "`" + namespace + "` cannot be found. Verify the spelling "
                        + "and correctness of the schema and catalog.",
                namespace.toString());
    }

    static GuardRefusal forbiddenFunction(String name) {
        return new GuardRefusal(
                RefusalKind.FORBIDDEN_FUNCTION,
                "the function " + name + " is not on the list of functions a guarded query may call",
                name);
    }

    private static GuardRefusal unverifiable(String reason, String token) {
        return new GuardRefusal(RefusalKind.UNVERIFIABLE, reason, token);
    }

    static GuardRefusal unsupported(ParserRuleContext rule) {
        String token = rule.getStart() == null ? "" : rule.getStart().getText();
        String construct = rule.getClass().getSimpleName().replaceFirst("Context$", "");
        return new GuardRefusal(
                RefusalKind.UNSUPPORTED_CONSTRUCT,
                "the construct '" + construct + "' is not accepted in a guarded query",
                token);
    }

    private static Set<Class<?>> contexts(String names) {
        return Stream.of(names.trim().split("\\s+"))
                .map(StatementWalker::contextClass)
                .collect(Collectors.toUnmodifiableSet());
    }

    private static Class<?> contextClass(String name) {
        try {
            return Class.forName(SqlBaseParser.class.getName() + "$" + name + "Context");
        } catch (ClassNotFoundException e) {
            throw new IllegalStateException("grammar rule " + name + " is not in this Spark grammar", e);
        }
    }
}
