package io.lakegate.connector.guard;

import java.util.List;
import java.util.Objects;

/** The guard's verdict on one SQL text. */
public sealed interface GuardDecision {

    /** The tool error code of every refusal (the vendor guide's name, kept for clients that key on it). */
    String INVALID_QUERY = "INVALID_QUERY";

    boolean allowed();

    /**
     * The statement may run. {@code sql} is what must be forwarded: the statement regenerated from the parse tree that
     * was checked (comments dropped, {@code SELECT *} possibly rewritten, {@code LIMIT} enforced), never the caller's
     * text. {@code notes} says what was rewritten, for the tool result.
     */
    record Allowed(String sql, StatementKind kind, long maxRows, long maxBytes, List<String> notes)
            implements GuardDecision {
        public Allowed {
            Objects.requireNonNull(sql, "sql");
            notes = List.copyOf(notes);
        }

        @Override
        public boolean allowed() {
            return true;
        }
    }

    /** The statement must not run. {@code offendingToken} names the keyword, table, column or function refused. */
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

    /** The read-only statement shapes the guard lets through. */
    enum StatementKind { SELECT, SHOW, DESCRIBE }

    /** Why a statement was refused; part of the tool error details. */
    enum RefusalKind {
        EMPTY,
        TOO_LARGE,
        UNPARSABLE,
        MULTIPLE_STATEMENTS,
        NOT_READ_ONLY,
        UNSUPPORTED_CONSTRUCT,
        SCI_CATALOG,
        SCI_SCHEMA,
        SCI_TABLE,
        SCI_COLUMN,
        SCI_VIEW,
        SCI_STAR,
        METADATA_SOURCE,
        FORBIDDEN_FUNCTION
    }
}
