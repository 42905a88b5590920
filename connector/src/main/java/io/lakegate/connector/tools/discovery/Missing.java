package io.lakegate.connector.tools.discovery;

import io.lakegate.connector.databricks.DatabricksApiException;
import io.lakegate.connector.tools.ToolException;
import reactor.core.publisher.Mono;

/**
 * The one wording for "not there": used when Databricks answers 404, when it answers 403 (an object the caller may not
 * see), and when the object is hidden as SCI, so a caller cannot tell the three apart. A hidden object also costs the
 * same upstream work as a missing one ({@link #afterSameWork}), so response times tell nothing either.
 */
public final class Missing {

    private Missing() {}

    public static ToolException catalog(String name) {
        return ToolException.notFound("catalog '" + name + "' does not exist or is not accessible");
    }

    public static ToolException schema(String catalog, String schema) {
        return ToolException.notFound("schema '" + catalog + "." + schema + "' does not exist or is not accessible");
    }

    public static ToolException table(String fullName) {
        return ToolException.notFound("table '" + fullName + "' does not exist or is not accessible");
    }

    public static ToolException genieSpace(String spaceId) {
        return ToolException.notFound("Genie space '" + spaceId + "' does not exist or is not accessible");
    }

    /**
     * The answer for a hidden object: the upstream call a lookup of a real object makes is made too, its outcome
     * discarded, then {@code missing}. Without it an SCI object would answer measurably faster than a missing one,
     * whose absence Databricks has to report.
     */
    public static <T> Mono<T> afterSameWork(Mono<?> upstreamLookup, ToolException missing) {
        return upstreamLookup.onErrorResume(e -> Mono.empty()).then(Mono.error(missing));
    }

    /** Databricks' "no such object" and "not yours to see": both answer as missing. */
    public static boolean concealed(Throwable e) {
        return e instanceof DatabricksApiException d && d.isMissingForCaller();
    }
}
