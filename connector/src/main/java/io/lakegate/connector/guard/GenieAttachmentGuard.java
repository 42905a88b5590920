package io.lakegate.connector.guard;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;


/**
 * Genie writes its own SQL, so its answers are checked after the fact: every query attachment of a Genie result
 * ({@code content.queryAttachments[].query} + {@code statement_response}, databricks.md §8) is run through the
 * {@link SqlGuard}. An attachment whose SQL reads an SCI asset (or cannot be verified) keeps only its description:
 * its SQL and its data are withheld and a {@code withheld} reason says why. Genie's text answer is derived from those
 * rows, so when any attachment is withheld the text attachments are replaced by the note as well. Kept attachments
 * have their data capped by the {@link ResultSizeEnforcer}.
 *
 * <p>The MCP tool result repeats {@code structuredContent} as JSON text in {@code content[0].text}; the caller must
 * re-render that text from the guarded tree this class returns, never relay the original.
 */
public final class GenieAttachmentGuard {

    /** The guarded Genie result (a copy), and one reason per withheld attachment. */
    public record Guarded(Map<String, Object> result, List<String> withheld) {
        public boolean anyWithheld() {
            return !withheld.isEmpty();
        }
    }

    private final ResultSizeEnforcer sizes;

    public GenieAttachmentGuard(ResultSizeEnforcer sizes) {
        this.sizes = sizes;
    }

    /**
     * {@code verdicts} holds the guard's decision ({@link SqlGuard#checkExecuted}) on each attachment's SQL; an
     * attachment whose SQL has no verdict is withheld.
     */
    public Guarded guard(Map<String, Object> genieResult, Map<String, GuardDecision> verdicts, GuardLimits limits) {
        Map<String, Object> copy = JsonTrees.object(JsonTrees.copy(genieResult));
        Map<String, Object> content = JsonTrees.object(copy.get("content"));
        List<Object> attachments = content == null ? null : JsonTrees.array(content.get("queryAttachments"));
        List<String> withheld = new ArrayList<>();
        if (attachments == null) {
            return new Guarded(copy, withheld);
        }
        for (Object item : attachments) {
            Map<String, Object> attachment = JsonTrees.object(item);
            if (attachment == null) {
                continue;
            }
            String reason = reasonToWithhold(attachment.get("query"), verdicts);
            if (reason != null) {
                attachment.remove("query");
                attachment.remove("statement_response");
                attachment.put("withheld", reason);
                withheld.add(reason);
            } else {
                capData(attachment, limits);
            }
        }
        if (!withheld.isEmpty()) {
            content.put("textAttachments", List.of("Lakegate withheld " + withheld.size()
                    + " query result(s) of this Genie answer, and Genie's summary of them: " + String.join("; ", withheld)));
        }
        return new Guarded(copy, withheld);
    }

    private static String reasonToWithhold(Object query, Map<String, GuardDecision> verdicts) {
        if (!(query instanceof String sql) || sql.isBlank()) {
            return "the answer carries data without the SQL that produced it, so it cannot be verified";
        }
        GuardDecision decision = verdicts.get(sql);
        // one reason for every refusal: naming the cause would say whether an SCI object exists
        return decision instanceof GuardDecision.Allowed ? null
                : "its SQL could not be verified as a read of data you may see";
    }

    private void capData(Map<String, Object> attachment, GuardLimits limits) {
        Map<String, Object> response = JsonTrees.object(attachment.get("statement_response"));
        if (response != null) {
            ResultSizeEnforcer.Enforced enforced = sizes.enforce(response, limits);
            attachment.put("statement_response", enforced.result());
            if (enforced.truncated()) {
                attachment.put("truncated", enforced.note());
            }
        }
    }
}
