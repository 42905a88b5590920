package io.lakegate.connector.tools;

import io.lakegate.connector.resilience.UserConcurrencyExceededException;
import io.lakegate.connector.resilience.UserPacing;
import io.modelcontextprotocol.spec.McpSchema.CallToolResult;
import java.time.Duration;
import java.util.Set;
import org.springframework.core.Ordered;
import reactor.core.publisher.Mono;

/**
 * A user whose calls keep failing through his own fault waits before his next call runs ({@link UserPacing}), so an
 * agent that ignores Retry-After and probes unknown objects costs the replica at a bounded rate, not the CPU the
 * other users' calls need. It maps failures to results itself, with the one {@link ToolErrorMapper}, so that it
 * charges exactly what the client will see; its own refusal is mapped and audited by the observation stage.
 */
public class PacingStage implements ToolInterceptor, Ordered {

    /**
     * The caller's own fault, found out by asking Databricks: an object that does not exist or he may not see.
     * Besides these, calls refused as over his share of the replica are charged. Invalid arguments and refused SQL
     * are not: they cost only the check that refuses them, and a client correcting itself sends several.
     */
    static final Set<String> CALLERS_FAULT =
            Set.of(ToolErrorCode.NOT_FOUND.name(), ToolErrorCode.PERMISSION_DENIED.name());

    private final UserPacing pacing;
    private final ToolErrorMapper errors;

    public PacingStage(UserPacing pacing, ToolErrorMapper errors) {
        this.pacing = pacing;
        this.errors = errors;
    }

    @Override
    public int getOrder() {
        return ToolStages.PACING;
    }

    @Override
    public Mono<CallToolResult> intercept(ToolCall call, Next next) {
        if (!pacing.enabled()) {
            return next.proceed(call);
        }
        return Mono.defer(() -> {
            Duration wait = pacing.admit(call.user());
            if (pacing.tooLong(wait)) {
                // held, then refused: answered at once, a client that ignores Retry-After would send again at once
                return Mono.delay(pacing.maxWait()).then(Mono.error(UserPacing.refusal(wait.minus(pacing.maxWait()))));
            }
            Mono<CallToolResult> run = next.proceed(call)
                    .doOnError(UserConcurrencyExceededException.class, e -> {
                        // answered for the price of a counter, so an agent that ignores Retry-After sends again at
                        // once: a busy loop until he is paced
                        if (wait.isZero()) {
                            pacing.charge(call.user());
                        }
                    })
                    .onErrorResume(e -> Mono.just(errors.toResult(call.toolName(), e)))
                    .doOnNext(result -> {
                        String code = ToolResults.errorCode(result);
                        // a call that waited paid for its turn already
                        if (wait.isZero() && code != null && CALLERS_FAULT.contains(code)) {
                            pacing.charge(call.user());
                        }
                    });
            return wait.isZero() ? run : Mono.delay(wait).then(run);
        });
    }
}
