package io.lakegate.connector.auth;

import com.github.benmanes.caffeine.cache.AsyncCache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Expiry;
import io.lakegate.connector.databricks.DatabricksCredentials;
import io.lakegate.connector.databricks.DatabricksCredentialsException;
import io.lakegate.connector.identity.CallerIdentity;
import io.lakegate.connector.identity.UserAssertionSource;
import io.lakegate.connector.telemetry.LakegateTelemetry;
import io.lakegate.connector.workspace.Workspace;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.context.Context;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Mono;

/**
 * Identity mode {@code oauth}: a Databricks token per (user, workspace), obtained by the workspace's exchange
 * ({@code obo} or {@code federation}) from the caller's {@link UserAssertionSource} assertion. The inbound token itself
 * is never sent to Databricks. Tokens are cached until shortly before they expire ({@code expires_in} minus the
 * refresh margin); concurrent first calls of one user share one exchange (the cache holds the pending future);
 * {@link #invalidate} drops the entry after a Databricks 401 so the client's single retry exchanges afresh. Failed
 * exchanges are not cached.
 */
public class ExchangingDatabricksCredentials implements DatabricksCredentials {

    private static final Logger log = LoggerFactory.getLogger(ExchangingDatabricksCredentials.class);

    private record Key(String subject, String workspace) {}

    private final Map<String, TokenExchange> exchanges;
    private final UserAssertionSource assertions;
    private final AsyncCache<Key, ExchangedToken> cache;
    private final LakegateTelemetry telemetry;

    public ExchangingDatabricksCredentials(
            List<TokenExchange> exchanges,
            UserAssertionSource assertions,
            AuthProperties.Exchange settings,
            LakegateTelemetry telemetry) {
        this.telemetry = telemetry;
        this.exchanges = exchanges.stream()
                .collect(Collectors.toUnmodifiableMap(TokenExchange::workspaceMode, Function.identity()));
        this.assertions = assertions;
        Duration margin = settings.refreshMargin();
        Duration fallback = settings.defaultLifetime();
        this.cache = Caffeine.newBuilder()
                .maximumSize(100_000)
                .expireAfter(new Expiry<Key, ExchangedToken>() {
                    @Override
                    public long expireAfterCreate(Key key, ExchangedToken value, long currentTime) {
                        Duration lifetime = value.expiresIn() == null ? fallback : value.expiresIn();
                        Duration keep = lifetime.minus(margin);
                        return keep.isNegative() ? 0 : keep.toNanos();
                    }

                    @Override
                    public long expireAfterUpdate(Key key, ExchangedToken value, long currentTime, long duration) {
                        return expireAfterCreate(key, value, currentTime);
                    }

                    @Override
                    public long expireAfterRead(Key key, ExchangedToken value, long currentTime, long duration) {
                        return duration;
                    }
                })
                .buildAsync();
    }

    @Override
    public Mono<String> token(CallerIdentity caller, Workspace workspace) {
        TokenExchange exchange = exchanges.get(workspace.identityMode());
        if (exchange == null) {
            return Mono.error(new DatabricksCredentialsException(
                    "workspace '" + workspace.name() + "' uses identity mode '" + workspace.identityMode()
                            + "', which identity mode oauth does not serve (use obo or federation)"));
        }
        Key key = new Key(caller.subject(), workspace.name());
        // the loader runs detached from the caller's subscription: hand it the caller's context, so the exchange span
        // (and the federation call's HTTP span) join the trace of the tool call that needed the token
        return Mono.deferContextual(callerContext -> Mono.fromFuture(
                        () -> cache.get(
                                key,
                                (k, executor) -> assertions
                                        .assertion(caller)
                                        .flatMap(assertion ->
                                                traced(exchange.exchange(caller, workspace, assertion), workspace))
                                        .doOnNext(t -> log.debug(
                                                "exchanged a Databricks token for {} on {} ({} mode, {})",
                                                caller.subject(),
                                                workspace.name(),
                                                workspace.identityMode(),
                                                t))
                                        .contextWrite(callerContext)
                                        .toFuture()),
                        true))
                .map(ExchangedToken::accessToken);
    }

    /** A CLIENT span for one exchange with the identity provider or the workspace's token endpoint. */
    private Mono<ExchangedToken> traced(Mono<ExchangedToken> exchange, Workspace workspace) {
        return Mono.deferContextual(reactorContext -> {
            Context parent = LakegateTelemetry.contextOf(reactorContext);
            Span span = telemetry
                    .tracer()
                    .spanBuilder("token_exchange " + workspace.identityMode())
                    .setParent(parent)
                    .setSpanKind(SpanKind.CLIENT)
                    .setAttribute(LakegateTelemetry.WORKSPACE, workspace.name())
                    .startSpan();
            return exchange.contextWrite(c -> c.put(LakegateTelemetry.CONTEXT_KEY, parent.with(span)))
                    .doOnError(e -> {
                        span.setAttribute(
                                LakegateTelemetry.ERROR_TYPE, e.getClass().getSimpleName());
                        span.setStatus(StatusCode.ERROR, e.getClass().getSimpleName());
                    })
                    .doFinally(signal -> span.end());
        });
    }

    @Override
    public void invalidate(CallerIdentity caller, Workspace workspace) {
        cache.synchronous().invalidate(new Key(caller.subject(), workspace.name()));
    }

    @Override
    public boolean refreshable() {
        return true;
    }
}
