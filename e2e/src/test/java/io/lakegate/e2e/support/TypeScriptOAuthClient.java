package io.lakegate.e2e.support;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The official TypeScript SDK as a headless MCP client that knows only the connector's URL and runs the whole MCP
 * authorization flow itself ({@code ts-oauth-client.mjs}); the user it signs in as is whoever the identity provider
 * approves next.
 */
public final class TypeScriptOAuthClient {

    /** One tool call to make: name and JSON arguments. */
    public record Call(String name, Map<String, Object> arguments) {}

    public record Result(String name, boolean isError, String text) {}

    /** What one run of the client saw. */
    /** @param consentPages how many times the connector's consent page was shown (and approved) */
    public record Run(
            boolean challenged,
            String registeredClient,
            List<String> signInHops,
            int consentPages,
            List<String> tools,
            List<Result> results,
            String output) {

        public Result result(int index) {
            return results.get(index);
        }
    }

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private TypeScriptOAuthClient() {}

    /**
     * Runs the client in {@code dir} against {@code mcpUrl}; with a {@code stateFile} it keeps its registration and
     * tokens there between runs, as a desktop client does. Fails when the script fails.
     */
    public static Run run(Path dir, String mcpUrl, List<Call> calls, Path stateFile) {
        List<String> args = new ArrayList<>(List.of(mcpUrl, JSON.writeValueAsString(calls)));
        if (stateFile != null) {
            args.add(stateFile.toString());
        }
        ExternalCommand.Result run = NodeTools.nodeScript(
                dir, script(), List.of(NodeTools.TYPESCRIPT_SDK), args, Map.of(), Duration.ofMinutes(4));
        if (!run.succeeded()) {
            throw new AssertionError("the TypeScript client failed:\n" + run.output());
        }
        String line = run.output()
                .lines()
                .filter(l -> l.startsWith("{"))
                .reduce((a, b) -> b)
                .orElseThrow(() -> new AssertionError("no result line:\n" + run.output()));
        JsonNode out = JSON.readTree(line);
        List<Result> results = new ArrayList<>();
        out.get("results")
                .forEach(r -> results.add(new Result(
                        r.get("name").asString(),
                        r.get("isError").asBoolean(),
                        r.get("text").asString())));
        return new Run(
                out.get("challenged").asBoolean(),
                out.get("registeredClient").isNull()
                        ? null
                        : out.get("registeredClient").asString(),
                strings(out.get("signInHops")),
                out.get("consentPages").asInt(),
                strings(out.get("tools")),
                results,
                run.output());
    }

    private static List<String> strings(JsonNode array) {
        List<String> values = new ArrayList<>();
        array.forEach(v -> values.add(v.asString()));
        return values;
    }

    private static String script() {
        try (InputStream in = TypeScriptOAuthClient.class.getResourceAsStream("/ts-oauth-client.mjs")) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
