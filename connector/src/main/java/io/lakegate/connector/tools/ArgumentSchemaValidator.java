package io.lakegate.connector.tools;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.networknt.schema.Error;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import java.util.List;
import java.util.Map;
import org.springframework.stereotype.Component;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Validates tool arguments against a JSON Schema (draft 2020-12 unless the schema names its own dialect) with the
 * networknt validator: our own tools' schemas and the upstream managed-MCP tools' {@code inputSchema}. Remote
 * {@code $ref}s are never fetched (an upstream schema must not make the connector call arbitrary URLs). Compiled
 * schemas are cached by their JSON text, and in front of that by the schema object itself: callers pass the same
 * cached, never-modified map on every call (ToolSchemas, the upstream tool catalog), so a tool call no longer renders
 * the tool's whole schema to a String just to find its cache entry.
 */
@Component
public class ArgumentSchemaValidator {

    /** How many problems one error message lists. */
    static final int MAX_REPORTED = 5;

    private final JsonMapper json = JsonMapper.builder().build();
    private final SchemaRegistry registry = SchemaRegistry.withDefaultDialect(
            SpecificationVersion.DRAFT_2020_12,
            builder -> builder.schemaLoader(loader -> loader.fetchRemoteResources(false)));
    private final Cache<String, Schema> compiled =
            Caffeine.newBuilder().maximumSize(1_000).build();
    /** Identity-keyed (weak keys compare by ==): a schema map seen before skips the rendering to text. */
    private final Cache<Map<String, Object>, Schema> bySchemaObject =
            Caffeine.newBuilder().weakKeys().maximumSize(1_000).build();

    /**
     * Problems of {@code arguments} against {@code schema}, each naming the field by its JSON path below
     * {@code fieldPrefix} (e.g. {@code tool_args.query}); empty when valid.
     */
    public List<String> problems(Map<String, Object> schema, Map<String, Object> arguments, String fieldPrefix) {
        Schema compiledSchema = compile(schema);
        JsonNode instance = json.valueToTree(arguments == null ? Map.of() : arguments);
        List<Error> errors = compiledSchema.validate(instance);
        return errors.stream()
                .limit(MAX_REPORTED)
                .map(e -> describe(e, fieldPrefix))
                .toList();
    }

    private Schema compile(Map<String, Object> schema) {
        return bySchemaObject.get(
                schema, s -> compiled.get(json.writeValueAsString(s), key -> registry.getSchema(json.readTree(key))));
    }

    /** e.g. {@code field 'tool_args.query': is missing but it is required}. */
    static String describe(Error error, String fieldPrefix) {
        String location = error.getInstanceLocation() == null
                ? ""
                : error.getInstanceLocation().toString();
        // JSON Pointer ("/a/0/b") or JSONPath-like ("$.a[0].b") depending on configuration: both become a.0.b
        String path = location.replaceFirst("^\\$\\.?", "")
                .replaceFirst("^/", "")
                .replace('/', '.')
                .replaceAll("\\[(\\d+)]", ".$1");
        if ("required".equals(error.getKeyword()) && error.getProperty() != null) {
            path = path.isEmpty() ? error.getProperty() : path + "." + error.getProperty();
        }
        String field = fieldPrefix == null || fieldPrefix.isEmpty()
                ? path
                : path.isEmpty() ? fieldPrefix : fieldPrefix + "." + path;
        String message = error.getMessage() == null ? error.getKeyword() : error.getMessage();
        // networknt prefixes its message with the instance location; the field is named separately
        message = message.replaceFirst("^\\$[^:]*:\\s*", "");
        return field.isEmpty() ? message : "field '" + field + "': " + message;
    }
}
