package io.lakegate.connector.mcp;

import io.lakegate.connector.auth.BearerChallenges;
import io.lakegate.connector.auth.ToolScopes;
import io.lakegate.connector.identity.CallerIdentity;
import java.nio.charset.StandardCharsets;
import org.reactivestreams.Publisher;
import org.springframework.core.Ordered;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.core.io.buffer.DataBufferUtils;
import org.springframework.http.HttpMethod;
import org.springframework.http.server.reactive.ServerHttpResponse;
import org.springframework.http.server.reactive.ServerHttpResponseDecorator;
import org.springframework.security.core.context.ReactiveSecurityContextHolder;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Per-tool scopes at the HTTP layer (identity mode {@code oauth}), after Spring Security has authenticated the request:
 *
 * <ul>
 *   <li>{@code tools/call} of a tool whose scope the token lacks: HTTP 403 with {@code WWW-Authenticate: Bearer
 *       error="insufficient_scope", scope="..."} before the MCP transport starts its reply, so clients can step up
 *       (once an SSE reply has started the status can no longer change);</li>
 *   <li>{@code tools/list}: the reply (one JSON or SSE message; the stream of a POST ends with its response) is
 *       buffered and tools the token may not call are removed.</li>
 * </ul>
 *
 * The envelope comes from {@code McpRequestBodyFilter}, which parsed the body before security ran.
 */
public class ToolScopeFilter implements WebFilter, Ordered {

    /** After Spring Security's chain, before the request limits ({@link McpFrontDoor}). */
    public static final int ORDER = McpFrontDoor.TOOL_SCOPES;

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final String mcpPath;
    private final ToolScopes scopes;
    private final BearerChallenges challenges;

    public ToolScopeFilter(String mcpPath, ToolScopes scopes, BearerChallenges challenges) {
        this.mcpPath = mcpPath;
        this.scopes = scopes;
        this.challenges = challenges;
    }

    @Override
    public int getOrder() {
        return ORDER;
    }

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
        JsonRpcEnvelope envelope = JsonRpcEnvelope.of(exchange);
        if (envelope == null
                || !HttpMethod.POST.equals(exchange.getRequest().getMethod())
                || !McpPaths.isMcp(exchange, mcpPath)) {
            return chain.filter(exchange);
        }
        boolean call = "tools/call".equals(envelope.method()) && envelope.toolName() != null;
        boolean list = "tools/list".equals(envelope.method());
        if (!call && !list) {
            return chain.filter(exchange);
        }
        return ReactiveSecurityContextHolder.getContext()
                .mapNotNull(SecurityContext::getAuthentication)
                .mapNotNull(auth -> auth.getPrincipal() instanceof CallerIdentity c ? c : null)
                .map(caller -> {
                    if (call && !scopes.allows(caller, envelope.toolName())) {
                        return challenges.insufficientScope(exchange, scopes.stepUp(caller, envelope.toolName()));
                    }
                    return list
                            ? chain.filter(exchange.mutate()
                                    .response(new ToolListFilter(exchange, caller))
                                    .build())
                            : chain.filter(exchange);
                })
                .defaultIfEmpty(Mono.defer(() -> chain.filter(exchange)))
                .flatMap(m -> m);
    }

    /** Buffers the tools/list reply and drops the tools the caller may not call. */
    private final class ToolListFilter extends ServerHttpResponseDecorator {

        private final CallerIdentity caller;

        ToolListFilter(ServerWebExchange exchange, CallerIdentity caller) {
            super(exchange.getResponse());
            this.caller = caller;
        }

        @Override
        public Mono<Void> writeWith(Publisher<? extends DataBuffer> body) {
            return rewrite(Flux.from(body));
        }

        @Override
        public Mono<Void> writeAndFlushWith(Publisher<? extends Publisher<? extends DataBuffer>> body) {
            return rewrite(Flux.from(body).concatMap(Flux::from));
        }

        private Mono<Void> rewrite(Flux<? extends DataBuffer> body) {
            ServerHttpResponse delegate = getDelegate();
            return DataBufferUtils.join(body)
                    .map(joined -> {
                        String text = joined.toString(StandardCharsets.UTF_8);
                        DataBufferUtils.release(joined);
                        return text;
                    })
                    .defaultIfEmpty("")
                    .flatMap(text -> {
                        byte[] bytes = filtered(text).getBytes(StandardCharsets.UTF_8);
                        delegate.getHeaders().setContentLength(bytes.length);
                        return delegate.writeWith(
                                Mono.just(delegate.bufferFactory().wrap(bytes)));
                    });
        }

        /** JSON reply, or SSE lines {@code data: {...}}: filter every message carrying {@code result.tools}. */
        private String filtered(String text) {
            String trimmed = text.stripLeading();
            if (trimmed.startsWith("{")) {
                return filterMessage(trimmed);
            }
            StringBuilder out = new StringBuilder(text.length());
            for (String line : text.split("\n", -1)) {
                if (line.startsWith("data:")) {
                    String payload = line.substring(5).strip();
                    out.append("data:").append(filterMessage(payload));
                } else {
                    out.append(line);
                }
                out.append('\n');
            }
            out.setLength(out.length() - 1);
            return out.toString();
        }

        private String filterMessage(String message) {
            JsonNode root;
            try {
                root = JSON.readTree(message);
            } catch (RuntimeException e) {
                return message;
            }
            JsonNode tools = root.path("result").path("tools");
            if (!(tools instanceof ArrayNode array)) {
                return message;
            }
            ArrayNode kept = JSON.createArrayNode();
            for (JsonNode tool : array) {
                String name = tool.path("name").asString("");
                if (scopes.allows(caller, name)) {
                    kept.add(tool);
                }
            }
            ((ObjectNode) root.get("result")).set("tools", kept);
            return JSON.writeValueAsString(root);
        }
    }
}
