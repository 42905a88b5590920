/**
 * The query guard: whatever path a query takes ({@code proxy_to_sql}, SQL that Genie wrote, a view's definition), it
 * cannot write and cannot reach an SCI asset.
 *
 * <h2>Databricks' own grammar ({@link io.lakegate.connector.guard.SparkSqlParser})</h2>
 * Statements are read with Apache Spark's generated lexer and parser ({@code spark-sql-api} 4.1), configured as a SQL
 * warehouse runs them. Literal, comment and identifier boundaries are therefore Databricks' own: backslash escapes,
 * raw {@code r'...'} literals, nested bracketed comments, doubled backticks, {@code --} comments continued by a
 * trailing backslash. An unclosed bracketed comment, a second statement, more than 64 KiB or deeper than 96 brackets
 * is refused before parsing.
 *
 * <h2>What is forwarded ({@link io.lakegate.connector.guard.StatementWalker}, REWRITE mode)</h2>
 * Never the caller's text. The statement is rendered token by token from the checked tree, and the rendered text must
 * lex back into exactly the tokens written ({@link io.lakegate.connector.guard.SqlGuard}), so what runs is what was
 * checked:
 * <ul>
 * <li>comments and optimizer hints are gone; string literals are written canonically ({@link
 * io.lakegate.connector.guard.SqlLiterals});</li>
 * <li>every table is written {@code `catalog` . `schema` . `table`} (so a two-part {@code delta.`/path`} is a table
 * lookup, never a path read);</li>
 * <li><b>SCI by construction</b>: every reference to a table or view with SCI columns becomes
 * {@code ( SELECT <its other columns> FROM <table> ) AS <alias>}; no star, alias column list, struct, set operation,
 * NATURAL join or position can reach a column that is not there;</li>
 * <li>CTEs are renamed {@code `__lg_cte_N`} within their scope: a CTE can neither shadow a table nor be mistaken for
 * one, and if Databricks scoped a name differently from the guard the renamed name would simply not resolve;</li>
 * <li>the row limit is enforced ({@code LIMIT} added or lowered).</li>
 * </ul>
 *
 * <h2>What is refused (tool error {@code INVALID_QUERY} with the offending token and a refusal kind)</h2>
 * <ul>
 * <li>anything but one query, {@code SHOW CATALOGS|SCHEMAS|TABLES|VIEWS|COLUMNS}, {@code DESCRIBE [TABLE]} or
 * {@code DESCRIBE QUERY} ({@code NOT_READ_ONLY}, naming the keyword); grammar rules outside an allow-list
 * ({@code UNSUPPORTED_CONSTRUCT}: TRANSFORM scripts, pipe syntax, parameter markers, table arguments, streams...);</li>
 * <li>a table, schema or catalog that is missing, not visible to the caller or SCI at any level: one answer for all
 * three ({@code NOT_FOUND}, Databricks' own wording), after the same lookups, so neither words nor timing tell them
 * apart;</li>
 * <li>a function not on {@link io.lakegate.connector.guard.FunctionAllowList} ({@code FORBIDDEN_FUNCTION}, naming
 * it): AI and HTTP functions, reflection, secrets, file reads, user-defined functions;</li>
 * <li>a view whose definition is unknown, nested deeper than 8, or reads SCI data ({@code UNVERIFIABLE});</li>
 * <li>a query whose facts cannot be learned, e.g. a tag source that is down ({@code FACTS_UNAVAILABLE}): never
 * assumed untagged.</li>
 * </ul>
 * SHOW and DESCRIBE come back with a {@link io.lakegate.connector.guard.MetadataListing}: their rows name SCI assets
 * too and are filtered afterwards like discovery results.
 *
 * <h2>SQL that already ran (VERIFY mode)</h2>
 * Genie's SQL and views' definitions cannot be rewritten: they are allowed only when every table they read with SCI
 * columns is read without naming an SCI column and without anything positional (star other than {@code count(*)},
 * alias column lists, NATURAL joins, {@code TABLE x}). Deliberately coarse: a harmless alias that shares an SCI
 * column's name is refused too.
 *
 * <h2>Facts, round by round ({@code upstream.CallerGuardContexts})</h2>
 * The guard itself is pure (it imports nothing else of the connector): it names the tables and namespaces it still
 * needs ({@code NeedsFacts}); the connector looks them up as the caller (Unity Catalog and the caller's SCI index) and asks again, once per level of views.
 *
 * <h2>Known limits</h2>
 * Spark 4.1's grammar lacks some Databricks syntax ({@code QUALIFY}, {@code table@v1}); such queries are refused
 * (the legitimate corpus reports the rate). {@code SHOW FUNCTIONS}, {@code DESCRIBE EXTENDED} and {@code SHOW CREATE
 * TABLE} are refused: their answers carry definitions the guard cannot filter.
 */
package io.lakegate.connector.guard;
