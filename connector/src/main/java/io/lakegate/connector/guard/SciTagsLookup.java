package io.lakegate.connector.guard;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import io.lakegate.connector.databricks.model.ColumnInfo;
import io.lakegate.connector.databricks.model.TableDetail;
import io.lakegate.connector.sci.SciTags;

/**
 * The guard's view of the connector's SCI index for one call: the caller's {@link SciTags} (inheritance applied) and
 * the Unity Catalog details of the tables the query names (for column lists). The connector does not fetch view
 * definitions (a view's text may name SCI tables), so views are not expanded here; a view tagged SCI, or in an SCI
 * schema or catalog, is still refused. A SHOW listing is always assumed to reveal SCI names: the discovery tools give
 * the filtered listing.
 */
final class SciTagsLookup implements SciLookup {

    private final SciTags tags;
    private final Map<String, TableDetail> details;

    SciTagsLookup(SciTags tags, Map<String, TableDetail> detailsByFullName) {
        this.tags = tags;
        this.details = detailsByFullName;
    }

    @Override
    public boolean isSciCatalog(String catalog) {
        return tags.hidesCatalog(catalog);
    }

    @Override
    public boolean isSciSchema(String catalog, String schema) {
        return tags.hidesSchema(catalog, schema);
    }

    @Override
    public boolean isSciTable(String catalog, String schema, String table) {
        return tags.hidesTable(catalog, schema, table);
    }

    @Override
    public Set<String> sciColumns(String catalog, String schema, String table) {
        Set<String> sci = new LinkedHashSet<>();
        TableDetail detail = details.get(catalog + "." + schema + "." + table);
        if (detail != null) {
            for (ColumnInfo column : detail.columns()) {
                if (tags.hidesColumn(catalog, schema, table, column.name())) {
                    sci.add(column.name());
                }
            }
        }
        return sci;
    }

    @Override
    public Optional<List<String>> columns(String catalog, String schema, String table) {
        return Optional.ofNullable(details.get(catalog + "." + schema + "." + table))
                .map(d -> d.columns().stream().map(ColumnInfo::name).toList());
    }

    @Override
    public Optional<String> viewDefinition(String catalog, String schema, String table) {
        return Optional.empty();
    }

    @Override
    public boolean containsSci(String catalog, String schema) {
        return true;
    }
}
