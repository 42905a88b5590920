package io.lakegate.connector.telemetry;

import org.springframework.web.reactive.function.client.ClientRequest;
import reactor.util.context.ContextView;

/** Which workspace a downstream request goes to, for spans, metrics and the per-workspace circuit breaker. */
public final class DownstreamTarget {

    /** Request attribute, or Reactor context key, naming the workspace; absent both, {@code host:port} is used. */
    public static final String WORKSPACE_KEY = "lakegate.workspace";

    private DownstreamTarget() {}

    public static String workspaceOf(ClientRequest request, ContextView reactorContext) {
        return request.attribute(WORKSPACE_KEY)
                .map(String::valueOf)
                .or(() -> reactorContext.<String>getOrEmpty(WORKSPACE_KEY))
                .orElseGet(() -> request.url().getHost() + ":" + request.url().getPort());
    }
}
