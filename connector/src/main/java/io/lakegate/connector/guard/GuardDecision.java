package io.lakegate.connector.guard;

import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/** The guard's verdict on one SQL text. */
public sealed interface GuardDecision {

    /** The tool error code of every refusal (the vendor guide's name, kept for clients that key on it). */
    String INVALID_QUERY = "INVALID_QUERY";

    boolean allowed();

    /**
     * The statement may run. {@code sql} is what must be forwarded: the statement rendered from the checked parse tree,
     * never the caller's text. {@code notes} says what was changed, for the tool result. {@code listing} is present for
     * SHOW and DESCRIBE statements, whose result rows must still be filtered.
     */
    record Allowed(
            String sql,
            StatementKind kind,
            long maxRows,
            long maxBytes,
            List<String> notes,
            Optional<MetadataListing> listing)
            implements GuardDecision {
        public Allowed {
            Objects.requireNonNull(sql, "sql");
            notes = List.copyOf(notes);
            Objects.requireNonNull(listing, "listing");
        }

        @Override
        public boolean allowed() {
            return true;
        }
    }

    /** The statement must not run. {@code offendingToken} names the keyword, table or function refused. */
    record Refused(RefusalKind kind, String reason, String offendingToken) implements GuardDecision {
        public Refused {
            Objects.requireNonNull(kind, "kind");
            Objects.requireNonNull(reason, "reason");
            Objects.requireNonNull(offendingToken, "offendingToken");
        }

        @Override
        public boolean allowed() {
            return false;
        }

        public String code() {
            return INVALID_QUERY;
        }
    }

    /** No verdict yet: these tables and namespaces must be looked up (as the caller) and the check run again. */
    record NeedsFacts(Set<QualifiedName> tables, Set<Namespace> namespaces) implements GuardDecision {
        public NeedsFacts {
            tables = Set.copyOf(tables);
            namespaces = Set.copyOf(namespaces);
        }

        @Override
        public boolean allowed() {
            return false;
        }
    }

    /** The read-only statement shapes the guard lets through. */
    enum StatementKind {
        SELECT,
        SHOW,
        DESCRIBE
    }

    /**
     * Why a statement was refused; part of the tool error details. There is deliberately no SCI kind: an SCI table,
     * schema or catalog is {@link #NOT_FOUND}, exactly like a missing one.
     */
    enum RefusalKind {
        EMPTY,
        TOO_LARGE,
        UNPARSABLE,
        MULTIPLE_STATEMENTS,
        NOT_READ_ONLY,
        UNSUPPORTED_CONSTRUCT,
        UNQUALIFIED_NAME,
        NOT_FOUND,
        FORBIDDEN_FUNCTION,
        /** A {@code system} or {@code information_schema} table not on the operator's allow-list. */
        METADATA_SOURCE,
        /** SQL that already ran (Genie's) or a view's definition that cannot be proven to read no SCI data. */
        UNVERIFIABLE,
        /** The facts needed could not be learned (tag source unavailable): refused rather than assumed untagged. */
        FACTS_UNAVAILABLE
    }
}
