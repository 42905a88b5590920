package io.lakegate.connector.tools.proxy;

import io.lakegate.connector.tools.ArgumentSchemaValidator;
import io.lakegate.connector.tools.ToolCall;
import io.lakegate.connector.tools.ToolException;
import io.lakegate.connector.upstream.ManagedMcpServer;
import io.lakegate.connector.upstream.UpstreamToolCatalog;
import io.modelcontextprotocol.spec.McpSchema.Tool;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/** Shared by the proxy tools: describing upstream tools to the model, finding them and validating arguments meant for them. */
@Component
public class UpstreamTools {

    private final UpstreamToolCatalog catalog;
    private final ArgumentSchemaValidator validator;

    public UpstreamTools(UpstreamToolCatalog catalog, ArgumentSchemaValidator validator) {
        this.catalog = catalog;
        this.validator = validator;
    }

    public Map<String, Object> describe(Tool tool) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("name", tool.name());
        if (tool.description() != null) {
            out.put("description", tool.description());
        }
        out.put("input_schema", catalog.inputSchema(tool));
        return out;
    }

    /**
     * The upstream tool {@code toolName} of {@code server} as the caller sees it, once {@code arguments} match its input
     * schema: the one lookup-and-validate step every proxy takes before anything is sent.
     */
    public Mono<Tool> validated(
            ToolCall call, ManagedMcpServer server, String toolName, Map<String, Object> arguments) {
        return catalog.tool(call.caller(), call.workspace(), server, toolName)
                .doOnNext(tool -> validate(tool, arguments));
    }

    /** Fails with INVALID_ARGUMENT naming each offending field as {@code tool_args.<path>}. */
    public void validate(Tool tool, Map<String, Object> arguments) {
        List<String> problems = validator.problems(catalog.inputSchema(tool), arguments, "tool_args");
        if (!problems.isEmpty()) {
            throw ToolException.invalidArgument(
                    "tool_args do not match the input schema of '" + tool.name() + "': " + String.join("; ", problems));
        }
    }
}
