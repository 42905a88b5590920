package io.lakegate.connector.tools;

import io.lakegate.connector.identity.CallerIdentity;
import io.lakegate.connector.identity.McpCallerContext;
import io.lakegate.connector.workspace.Workspace;
import io.modelcontextprotocol.common.McpTransportContext;
import io.modelcontextprotocol.server.McpServerFeatures.AsyncToolSpecification;
import io.modelcontextprotocol.spec.McpSchema.CallToolRequest;
import io.modelcontextprotocol.spec.McpSchema.CallToolResult;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/**
 * The single pipeline every tool call passes through:
 *
 * <ol>
 *   <li>caller from this request's MCP transport context;</li>
 *   <li>argument validation against the tool's full input schema and workspace resolution (failures become error
 *       signals, so the interceptors still see them);</li>
 *   <li>every {@link ToolInterceptor} bean in order, around</li>
 *   <li>the {@link LakegateTool} itself;</li>
 *   <li>{@link ToolErrorMapper}: any error signal becomes an {@code isError} result.</li>
 * </ol>
 *
 * The MCP SDK's own input validation is switched off (see {@code McpServerConfiguration}) so that invalid calls also
 * go through this pipeline instead of being answered before it.
 */
@Component
public class ToolInvoker {

    private final List<LakegateTool> tools;
    private final ObjectProvider<ToolInterceptor> interceptors;
    private final ToolSchemas schemas;
    private final ArgumentSchemaValidator validator;
    private final WorkspaceResolver workspaces;
    private final ToolErrorMapper errors;
    private final Map<String, LakegateTool> byName;
    /** The stages in order, resolved at the first call (they are beans that may depend on this one). */
    private volatile List<ToolInterceptor> stages;

    public ToolInvoker(
            List<LakegateTool> tools,
            ObjectProvider<ToolInterceptor> interceptors,
            ToolSchemas schemas,
            ArgumentSchemaValidator validator,
            WorkspaceResolver workspaces,
            ToolErrorMapper errors) {
        this.tools = List.copyOf(tools);
        this.interceptors = interceptors;
        this.schemas = schemas;
        this.validator = validator;
        this.workspaces = workspaces;
        this.errors = errors;
        this.byName = this.tools.stream().collect(Collectors.toUnmodifiableMap(LakegateTool::name, t -> t));
    }

    /** One MCP tool specification per tool bean, each dispatching through {@link #invoke}. */
    public List<AsyncToolSpecification> specifications() {
        return tools.stream()
                .map(tool -> AsyncToolSpecification.builder()
                        .tool(schemas.definition(tool))
                        .callHandler((exchange, request) ->
                                invoke(tool, exchange.transportContext(), exchange.sessionId(), request))
                        .build())
                .toList();
    }

    /**
     * Calls a tool by name through the pipeline, for transports that hold no SDK exchange (Lakegate's own MCP
     * dispatcher). An unknown name is an {@code INVALID_ARGUMENT} tool error.
     *
     * @param sessionId the MCP session id, null when the protocol has none (2026-07-28)
     */
    public Mono<CallToolResult> invoke(
            String toolName, McpTransportContext context, String sessionId, CallToolRequest request) {
        return tool(toolName)
                .map(tool -> invoke(tool, context, sessionId, request))
                .orElseGet(() -> Mono.just(
                        errors.toResult(toolName, ToolException.invalidArgument("unknown tool " + toolName))));
    }

    Mono<CallToolResult> invoke(
            LakegateTool tool, McpTransportContext context, String sessionId, CallToolRequest request) {
        Map<String, Object> arguments = request.arguments() == null ? Map.of() : request.arguments();
        CallerIdentity caller = McpCallerContext.caller(context).orElse(null);
        ToolArguments args = new ToolArguments(arguments);
        Optional<String> requested;
        try {
            if (caller == null) {
                throw new ToolException(ToolErrorCode.UNAUTHENTICATED, "the request carries no authenticated caller");
            }
            List<String> problems = validator.problems(schemas.inputSchema(tool), arguments, "");
            if (!problems.isEmpty()) {
                throw ToolException.invalidArgument(String.join("; ", problems));
            }
            requested = args.optionalString(WorkspaceResolver.ARGUMENT);
        } catch (RuntimeException e) {
            return run(tool, new ToolCall(tool.name(), caller, null, args, sessionId), e);
        }
        // resolution may probe workspaces (auto-detection); its failure still goes through the interceptors
        return workspaces
                .resolve(caller, requested)
                .<Object>map(workspace -> workspace)
                .onErrorResume(e -> Mono.just(e instanceof RuntimeException r ? r : new IllegalStateException(e)))
                .defaultIfEmpty(new IllegalStateException("no workspace was resolved"))
                .flatMap(resolved -> resolved instanceof Workspace workspace
                        ? run(tool, new ToolCall(tool.name(), caller, workspace, args, sessionId), null)
                        : run(tool, new ToolCall(tool.name(), caller, null, args, sessionId), (RuntimeException)
                                resolved));
    }

    private Mono<CallToolResult> run(LakegateTool tool, ToolCall call, RuntimeException failure) {
        ToolInterceptor.Next terminal = failure != null
                ? c -> Mono.error(failure)
                : c -> Mono.defer(() -> tool.call(c))
                        .switchIfEmpty(Mono.error(() ->
                                new IllegalStateException("tool " + tool.name() + " completed without a result")));
        return chain(terminal).proceed(call).onErrorResume(e -> Mono.just(errors.toResult(tool.name(), e)));
    }

    private ToolInterceptor.Next chain(ToolInterceptor.Next terminal) {
        ToolInterceptor.Next next = terminal;
        List<ToolInterceptor> ordered = stages;
        if (ordered == null) {
            // resolving the ordered beans per call was several per cent of a cheap call's CPU
            ordered = interceptors.orderedStream().toList();
            stages = ordered;
        }
        for (int i = ordered.size() - 1; i >= 0; i--) {
            ToolInterceptor interceptor = ordered.get(i);
            ToolInterceptor.Next inner = next;
            next = c -> Mono.defer(() -> interceptor.intercept(c, inner));
        }
        return next;
    }

    public List<LakegateTool> tools() {
        return tools;
    }

    public Optional<LakegateTool> tool(String name) {
        return Optional.ofNullable(byName.get(name));
    }
}
