package io.lakegate.emulator.seed;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * The seed file {@code seed/workspace.json}: one Databricks workspace with its metastore, users, grants, warehouses and
 * Genie spaces. Field names are the JSON's snake_case names.
 */
public record Seed(
        String metastoreId,
        String workspaceId,
        long createdAt,
        int serverPageSize,
        String defaultCatalog,
        String defaultSchema,
        List<User> users,
        List<Grant> grants,
        List<Catalog> catalogs,
        List<Warehouse> warehouses,
        List<GenieSpace> genieSpaces) {

    public record User(
            String userName,
            String displayName,
            String givenName,
            String familyName,
            String id,
            List<String> groups,
            boolean metastoreAdmin) {}

    /** A UC privilege grant; {@code securableName} is the dotted full name of a catalog, schema or table. */
    public record Grant(String principal, String securableType, String securableName, List<String> privileges) {}

    public record Catalog(
            String name,
            String comment,
            String owner,
            String catalogType,
            Map<String, String> tags,
            List<Schema> schemas) {}

    public record Schema(String name, String comment, String owner, Map<String, String> tags, List<Table> tables) {}

    public record Table(
            String name,
            String tableType,
            String dataSourceFormat,
            String comment,
            String owner,
            String viewDefinition,
            Map<String, String> tags,
            List<Column> columns,
            List<List<Object>> rows) {}

    public record Column(
            String name,
            String typeName,
            String typeText,
            boolean nullable,
            String comment,
            Integer typePrecision,
            Integer typeScale,
            Map<String, String> tags) {}

    public record Warehouse(
            String id,
            String name,
            String clusterSize,
            String warehouseType,
            boolean enableServerlessCompute,
            String state,
            List<String> canUse) {}

    public record GenieSpace(
            String spaceId,
            String title,
            String description,
            String warehouseId,
            List<String> canRun,
            List<String> tables,
            Map<String, String> tags,
            List<Question> questions) {

        /** Tagged {@code classification=SCI}: Genie One never answers from such a space. */
        public boolean sciTagged() {
            return isSci(tags);
        }
    }

    /** A canned Genie question; {@code answer} may use {0} for the first cell of the first result row. */
    public record Question(String question, String description, String sql, String answer) {}

    /** The tag that marks Strictly Confidential assets in the seed, on a catalog, schema, table or column. */
    public static final String SCI_TAG_KEY = "classification";

    public static final String SCI_TAG_VALUE = "SCI";

    static boolean isSci(Map<String, String> tags) {
        return tags != null && SCI_TAG_VALUE.equalsIgnoreCase(tags.get(SCI_TAG_KEY));
    }

    /**
     * The seeded Strictly Confidential values a leak test searches answers for, by value: every cell of an SCI column
     * (the column, its table, schema or catalog tagged {@code classification=SCI}) that is distinctive enough to search
     * for: at least 6 characters and an e-mail address, a number, a date, an IBAN or phone number (it has a digit or
     * {@code @}), or a person's name (a {@code *name} column); values that are also public (equal to a cell of a non-SCI
     * column, e.g. a month both payroll and reporting use) are left out. Emails, birth dates, phone numbers, IBANs,
     * salaries, bonuses and employee names are in it; ids, years, levels and category words are not. Sorted.
     */
    public Set<String> sciValues() {
        Set<String> sci = new TreeSet<>();
        Set<String> open = new HashSet<>();
        for (Catalog c : catalogs) {
            for (Schema s : c.schemas()) {
                for (Table t : s.tables()) {
                    boolean wholeTable = isSci(c.tags()) || isSci(s.tags()) || isSci(t.tags());
                    for (List<Object> row : t.rows() == null ? List.<List<Object>>of() : t.rows()) {
                        for (int i = 0; i < row.size() && i < t.columns().size(); i++) {
                            Column col = t.columns().get(i);
                            String v = row.get(i) == null ? null : String.valueOf(row.get(i));
                            if (v == null) {
                                continue;
                            }
                            if (wholeTable || isSci(col.tags())) {
                                if (v.length() >= 6
                                        && (v.chars().anyMatch(ch -> Character.isDigit(ch) || ch == '@')
                                                || col.name()
                                                        .toLowerCase(Locale.ROOT)
                                                        .endsWith("name"))) {
                                    sci.add(v);
                                }
                            } else {
                                open.add(v);
                            }
                        }
                    }
                }
            }
        }
        sci.removeAll(open);
        return java.util.Collections.unmodifiableSet(sci);
    }

    /**
     * Every piece of seed text that is not SCI data: names and comments of all objects, cells of non-SCI columns, view
     * definitions, Genie spaces' titles, descriptions, questions and answers. A seeded SCI value must occur in none of
     * them, so the only way to read it is SQL over an SCI asset.
     */
    public List<String> nonSciTexts() {
        List<String> out = new ArrayList<>();
        for (Catalog c : catalogs) {
            out.add(c.name());
            out.add(c.comment());
            for (Schema s : c.schemas()) {
                out.add(s.name());
                out.add(s.comment());
                for (Table t : s.tables()) {
                    boolean wholeTable = isSci(c.tags()) || isSci(s.tags()) || isSci(t.tags());
                    out.add(t.name());
                    out.add(t.comment());
                    out.add(t.viewDefinition());
                    for (Column col : t.columns()) {
                        out.add(col.name());
                        out.add(col.comment());
                    }
                    for (List<Object> row : t.rows() == null ? List.<List<Object>>of() : t.rows()) {
                        for (int i = 0; i < row.size() && i < t.columns().size(); i++) {
                            if (!wholeTable && !isSci(t.columns().get(i).tags()) && row.get(i) != null) {
                                out.add(String.valueOf(row.get(i)));
                            }
                        }
                    }
                }
            }
        }
        for (GenieSpace g : genieSpaces) {
            out.add(g.title());
            out.add(g.description());
            for (Question q : g.questions()) {
                out.add(q.question());
                out.add(q.description());
                out.add(q.sql());
                out.add(q.answer());
            }
        }
        for (User u : users) {
            out.add(u.userName());
            out.add(u.displayName());
        }
        out.removeIf(java.util.Objects::isNull);
        return out;
    }
}
