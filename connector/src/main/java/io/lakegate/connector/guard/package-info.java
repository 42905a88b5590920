/**
 * The query guard: whatever path a query takes ({@code proxy_to_sql}, {@code execute_sql_read_only}, SQL that Genie
 * wrote), it cannot write and cannot touch an SCI asset.
 *
 * <h2>Rules ({@link io.lakegate.connector.guard.SqlGuard})</h2>
 * <ul>
 * <li>Exactly one statement: SELECT / WITH ... SELECT / set operations / VALUES, SHOW TABLES|VIEWS|SCHEMAS|CATALOGS|
 * FUNCTIONS, SHOW COLUMNS, DESCRIBE|DESC. Everything else (DML, DDL, MERGE, COPY, GRANT, SET, USE, CALL, EXPLAIN,
 * OPTIMIZE, VACUUM, ...) is refused with its leading keyword; a second statement is refused with its first token,
 * found with JSqlParser's own lexer so literals and comments are delimited as the parser delimits them.</li>
 * <li>Writes nested in a query (DML CTEs, {@code SELECT ... INTO}, {@code FOR UPDATE}) are found by a structural walk
 * over every field of the parse tree ({@link io.lakegate.connector.guard.AstWalker}), not by a visitor that could
 * miss an expression type.</li>
 * <li>Every table reference is resolved to catalog.schema.table (default namespace from the context; with none, only
 * fully qualified names pass) and refused if its catalog, schema or table is SCI; CTE names are checked as tables too
 * when the namespace is known, so a CTE can never shadow an SCI table in the guard's eyes. Known views are expanded
 * recursively (depth 8) in their own namespace. {@code system.*} and {@code information_schema} (they list SCI assets
 * and tags) and path reads ({@code delta.`/path`}) are refused. Table-valued functions other than explode/inline/
 * stack/range/json_tuple, multi-part (user-defined) functions and http_request/ai_query/reflect/java_method/secret/
 * identifier are refused.</li>
 * <li>Any column reference any part of which is an SCI column of a table in the statement is refused (names are
 * case-insensitive, backticks removed). A NATURAL JOIN over SCI columns is refused.</li>
 * <li>{@code SELECT *} decision: a star over a table with SCI columns is <b>rewritten</b> to the table's permitted
 * columns ({@code t.*} likewise; other sources keep {@code alias.*}), and a note says how many SCI columns were
 * omitted (not which). It is <b>refused</b> with token {@code *} when the rewrite cannot be exact: unknown column list,
 * {@code * EXCEPT/REPLACE}, a LATERAL VIEW or unaliased subquery in the same FROM, no permitted column left, or the
 * star is inside a view body. A star inside an expression ({@code struct(*)}) is refused when any table of the
 * statement has SCI columns.</li>
 * <li>The row limit is enforced in the statement ({@code LIMIT max} added or lowered); {@link
 * io.lakegate.connector.guard.ResultSizeEnforcer} applies row limit and byte cap to the returned rows.</li>
 * <li>What is forwarded is the statement regenerated from the checked tree: comments and optimizer hints never reach
 * the warehouse. The regenerated text must re-parse to the identical statement and pass a Spark-lexer check (no
 * comment, no {@code ;} outside literals, with Spark's backslash and doubled-backtick escapes) or the query is
 * refused.</li>
 * </ul>
 *
 * <h2>What JSqlParser 5.3 cannot parse (all refused, code INVALID_QUERY)</h2>
 * Refused as UNPARSABLE, naming the token the parser stopped at: {@code TABLESAMPLE}, time travel
 * {@code VERSION AS OF} / {@code TIMESTAMP AS OF} ({@code t@v3} parses), {@code CLUSTER BY} / {@code DISTRIBUTE BY} /
 * {@code SORT BY}, {@code LEFT ANTI JOIN} (LEFT SEMI parses), FROM-first queries, {@code ${var}} substitution,
 * {@code DESCRIBE TABLE|EXTENDED|HISTORY|DETAIL|SCHEMA|CATALOG|FUNCTION|QUERY}, {@code SHOW TABLES IN catalog.schema},
 * {@code SHOW COLUMNS IN}, {@code SHOW SCHEMAS IN}, {@code SHOW CREATE TABLE|TBLPROPERTIES|GRANTS|PARTITIONS}, nested
 * bracketed comments, unterminated literals (token {@code '}, {@code "} or {@code `}). Databricks-only commands
 * (OPTIMIZE, VACUUM, REFRESH, CACHE/UNCACHE, CLEAR CACHE, MSCK, FSCK, COPY INTO, RESTORE, CONVERT TO DELTA, REORG,
 * ANALYZE, ADD/LIST/GET/PUT/REMOVE, DECLARE, GRANT/REVOKE, USE CATALOG, APPLY CHANGES, SYNC) are unparsable too and
 * refused as NOT_READ_ONLY naming their keyword. Misread, not refused: a doubled backtick ({@code `a``b`}) is read as
 * two identifiers; the forwarded text is the guard's reading, so Databricks runs what was checked. Double-quoted
 * strings are identifiers to JSqlParser but literals to Databricks, so {@code "ssn"} may be refused when it is only a
 * string (never the reverse).
 *
 * <h2>Genie</h2>
 * {@link io.lakegate.connector.guard.GenieAttachmentGuard} checks the SQL of every Genie query attachment and
 * withholds the SQL, data and Genie's text summary of any that reads SCI data or cannot be verified.
 *
 * <h2>Known limits</h2>
 * A single-part function name that is not a built-in resolves, in Databricks, to a persistent function of the current
 * schema, whose body the guard cannot see; multi-part function names are refused. Column-name matching is deliberately
 * coarse (an SCI column name anywhere in a column reference refuses), so a harmless lambda variable or alias qualifier
 * that happens to share an SCI column's name is refused too.
 */
package io.lakegate.connector.guard;
