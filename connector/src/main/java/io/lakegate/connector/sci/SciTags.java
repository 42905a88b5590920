package io.lakegate.connector.sci;

import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * The securables directly tagged SCI, with Lakegate's inheritance rule applied on lookup (Unity Catalog does not
 * inherit tags outside ABAC evaluation): a catalog tag covers its schemas, tables and columns; a schema tag covers its
 * tables and columns; a table tag covers its columns. Immutable.
 */
public final class SciTags {

    public static final SciTags NONE = new SciTags(Set.of());

    static final String REDACTED = "[redacted]";

    private final Set<SecurableRef> tagged;
    private volatile Pattern redaction;

    private SciTags(Set<SecurableRef> tagged) {
        this.tagged = Set.copyOf(tagged);
    }

    public static SciTags of(Set<SecurableRef> directlyTagged) {
        return new SciTags(directlyTagged);
    }

    /** True when the securable or any ancestor carries the SCI tag. */
    public boolean hides(SecurableRef ref) {
        for (SecurableRef candidate : ref.selfAndAncestors()) {
            if (tagged.contains(candidate)) {
                return true;
            }
        }
        return false;
    }

    public boolean hidesCatalog(String catalog) {
        return hides(SecurableRef.catalog(catalog));
    }

    public boolean hidesSchema(String catalog, String schema) {
        return hides(SecurableRef.schema(catalog, schema));
    }

    public boolean hidesTable(String catalog, String schema, String table) {
        return hides(SecurableRef.table(catalog, schema, table));
    }

    /** A full name that does not parse as {@code catalog.schema.table} is hidden: fail closed. */
    public boolean hidesTable(String fullName) {
        return SecurableRef.parseTable(fullName).map(this::hides).orElse(true);
    }

    public boolean hidesColumn(String catalog, String schema, String table, String column) {
        return hides(SecurableRef.table(catalog, schema, table).column(column));
    }

    /**
     * Free text (comments, descriptions) with every SCI object's name replaced by {@value #REDACTED}: a visible
     * object's comment must not tell the model what the hidden objects are called. Whole words only,
     * case-insensitive; both the simple and the qualified name are matched.
     */
    public String redact(String text) {
        if (text == null || tagged.isEmpty()) {
            return text;
        }
        return redactionPattern().matcher(text).replaceAll(REDACTED);
    }

    private Pattern redactionPattern() {
        Pattern pattern = redaction;
        if (pattern == null) {
            Set<String> names = new LinkedHashSet<>();
            for (SecurableRef ref : tagged) {
                names.add(ref.fullName());
                String fullName = ref.fullName();
                names.add(fullName.substring(fullName.lastIndexOf('.') + 1));
            }
            String alternation = names.stream()
                    .sorted(Comparator.comparingInt(String::length).reversed())
                    .map(Pattern::quote)
                    .collect(Collectors.joining("|"));
            pattern = Pattern.compile(
                    "(?<![\\w])(?:" + alternation + ")(?![\\w])", Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE);
            redaction = pattern;
        }
        return pattern;
    }

    public SciTags merge(SciTags other) {
        Set<SecurableRef> union = new HashSet<>(tagged);
        union.addAll(other.tagged);
        return new SciTags(union);
    }

    public int size() {
        return tagged.size();
    }
}
