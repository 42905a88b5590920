package io.lakegate.connector.guard;

import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * What the SQL guard needs to know about the caller's workspace. All names are compared case-insensitively (the guard
 * passes them lower-case, without backticks). Implementations answer from an in-memory index (the connector's
 * {@code sci.SciIndex}); every method is called on the request path and must not block.
 *
 * <p>Inheritance need not be applied by the implementation: the guard asks about the catalog, the schema and the table
 * separately and refuses if any of them is SCI.
 */
public interface SciLookup {

    boolean isSciCatalog(String catalog);

    boolean isSciSchema(String catalog, String schema);

    boolean isSciTable(String catalog, String schema, String table);

    /** Lower-case names of the table's SCI-tagged columns; empty when none or the table is unknown. */
    Set<String> sciColumns(String catalog, String schema, String table);

    /** The table's columns in ordinal order, when known; needed to rewrite {@code SELECT *}. */
    Optional<List<String>> columns(String catalog, String schema, String table);

    /** The SQL text of a view, when the table is a known view; the guard expands it and checks what it reads. */
    Optional<String> viewDefinition(String catalog, String schema, String table);

    /**
     * Whether some SCI asset lies inside the namespace: {@code (null, null)} = any SCI catalog, {@code (c, null)} = an
     * SCI schema or table in catalog c, {@code (c, s)} = an SCI table in schema c.s. Decides whether a {@code SHOW}
     * listing would reveal SCI names.
     */
    boolean containsSci(String catalog, String schema);
}
