package io.lakegate.connector.tools;

import io.lakegate.connector.dedup.DedupKey;
import io.lakegate.connector.dedup.ReadDeduplicator;
import io.modelcontextprotocol.spec.McpSchema.CallToolResult;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.springframework.core.Ordered;
import reactor.core.publisher.Mono;

/**
 * Identical read-only calls by the same user share one upstream call. It sits outside the limits stage, so a shared
 * or cached result costs no rate-limit permit and no bulkhead slot, and inside the observation stage, so failures
 * reach it as error signals and are never cached.
 */
public class SharedReadsStage implements ToolInterceptor, Ordered {

    /** How identical calls by the same user may share one upstream call. */
    enum Sharing {
        /** Never: the call may change something. */
        NONE,
        /** Only while it runs: a read of upstream state that moves on its own (a Genie message, a statement). */
        IN_FLIGHT,
        /** While it runs and for the dedup TTL after: a read of slowly changing metadata. */
        RESULT
    }

    private final ReadDeduplicator dedup;
    private final Map<String, Sharing> sharing;

    public SharedReadsStage(ReadDeduplicator dedup, List<LakegateTool> tools) {
        this.dedup = dedup;
        this.sharing =
                tools.stream().collect(Collectors.toUnmodifiableMap(LakegateTool::name, SharedReadsStage::sharing));
    }

    /** Only read-only calls are shared; a finished result only when a repeat of the call would read the same. */
    static Sharing sharing(LakegateTool tool) {
        if (tool.annotations() == null
                || !Boolean.TRUE.equals(tool.annotations().readOnlyHint())) {
            return Sharing.NONE;
        }
        return tool.readsProgressingState() ? Sharing.IN_FLIGHT : Sharing.RESULT;
    }

    @Override
    public int getOrder() {
        return ToolStages.SHARED_READS;
    }

    @Override
    public Mono<CallToolResult> intercept(ToolCall call, Next next) {
        Sharing mode = sharing.getOrDefault(call.toolName(), Sharing.NONE);
        Mono<CallToolResult> rest = Mono.defer(() -> next.proceed(call));
        if (mode == Sharing.NONE) {
            return rest;
        }
        DedupKey key = new DedupKey(
                call.user(),
                call.workspaceName(),
                call.toolName(),
                call.arguments().digest());
        return dedup.dedup(key, rest, mode == Sharing.RESULT);
    }
}
