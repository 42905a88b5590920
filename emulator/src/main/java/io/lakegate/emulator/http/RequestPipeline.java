package io.lakegate.emulator.http;

import io.lakegate.emulator.auth.Authenticator;
import io.lakegate.emulator.auth.Caller;
import io.lakegate.emulator.fault.Faults;
import java.time.Clock;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpHeaders;
import org.springframework.web.reactive.function.server.HandlerFilterFunction;
import org.springframework.web.reactive.function.server.HandlerFunction;
import org.springframework.web.reactive.function.server.ServerRequest;
import org.springframework.web.reactive.function.server.ServerResponse;
import reactor.core.publisher.Mono;

/**
 * Wraps every route: authenticate the bearer (except the OAuth endpoints), apply fault rules, turn errors into
 * Databricks error bodies (never a stack trace) and record the request with its final status.
 */
public final class RequestPipeline implements HandlerFilterFunction<ServerResponse, ServerResponse> {

    private static final Logger log = LoggerFactory.getLogger(RequestPipeline.class);
    private static final Set<String> PUBLIC_PATHS =
            Set.of("/oidc/v1/token", "/oidc/.well-known/oauth-authorization-server");

    private final Authenticator authenticator;
    private final Faults faults;
    private final RequestLog requestLog;
    private final Clock clock;

    public RequestPipeline(Authenticator authenticator, Faults faults, RequestLog requestLog, Clock clock) {
        this.authenticator = authenticator;
        this.faults = faults;
        this.requestLog = requestLog;
        this.clock = clock;
    }

    @Override
    public Mono<ServerResponse> filter(ServerRequest req, HandlerFunction<ServerResponse> next) {
        String method = req.method().name();
        String path = req.path();
        AtomicReference<String> user = new AtomicReference<>();
        Mono<ServerResponse> authenticated = PUBLIC_PATHS.contains(path)
                ? faults.apply(method, path, () -> next.handle(req))
                : authenticator
                        .authenticate(req.headers().firstHeader(HttpHeaders.AUTHORIZATION))
                        .flatMap(caller -> {
                            user.set(caller.userName());
                            req.attributes().put(Caller.ATTRIBUTE, caller);
                            return faults.apply(method, path, () -> next.handle(req));
                        });
        return authenticated
                .onErrorResume(ApiException.class, Responses::error)
                .onErrorResume(e -> !(e instanceof ApiException), e -> {
                    log.warn("unhandled error on {} {}: {}", method, path, e.toString());
                    return Responses.error(
                            new ApiException(500, "INTERNAL_ERROR", "Internal error while processing the request."));
                })
                .doOnNext(resp -> requestLog.record(new RecordedRequest(
                        clock.instant(),
                        method,
                        path,
                        user.get(),
                        req.headers().firstHeader("traceparent"),
                        resp.statusCode().value())));
    }
}
