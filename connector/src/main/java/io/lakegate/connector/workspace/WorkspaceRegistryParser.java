package io.lakegate.connector.workspace;

import java.net.URI;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** Parses and validates the registry JSON (format in docs/architecture.md); every problem is reported at once. */
final class WorkspaceRegistryParser {

    private static final Pattern NAME = Pattern.compile("[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?");
    private static final Set<String> IDENTITY_MODES = Set.of("obo", "federation", "dev-token");
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private WorkspaceRegistryParser() {}

    static List<Workspace> parse(String json, String source) {
        JsonNode root;
        try {
            root = JSON.readTree(json);
        } catch (JacksonException e) {
            throw new InvalidWorkspaceRegistryException(source + " is not valid JSON: " + e.getOriginalMessage());
        }
        JsonNode entries = root == null ? null : root.get("workspaces");
        if (entries == null || !entries.isArray() || entries.isEmpty()) {
            throw new InvalidWorkspaceRegistryException(source + " must contain a non-empty \"workspaces\" array");
        }
        List<String> problems = new ArrayList<>();
        List<Workspace> workspaces = new ArrayList<>();
        Set<String> names = new HashSet<>();
        for (int i = 0; i < entries.size(); i++) {
            Workspace workspace = parseOne(entries.get(i), "workspaces[" + i + "]", problems);
            if (workspace != null && !names.add(workspace.name())) {
                problems.add("workspaces[" + i + "].name '" + workspace.name() + "' is declared twice");
            }
            workspaces.add(workspace);
        }
        if (!problems.isEmpty()) {
            throw new InvalidWorkspaceRegistryException(source + " is invalid: " + String.join("; ", problems));
        }
        return List.copyOf(workspaces);
    }

    private static Workspace parseOne(JsonNode node, String at, List<String> problems) {
        if (node == null || !node.isObject()) {
            problems.add(at + " must be an object");
            return null;
        }
        int before = problems.size();
        String name = text(node, "name");
        if (name == null || !NAME.matcher(name).matches()) {
            problems.add(at + ".name must be a DNS label (lowercase letters, digits, '-'), got " + quote(name));
        }
        String host = text(node, "host");
        if (!validHost(host)) {
            // the value is not echoed: a malformed host may embed credentials
            problems.add(at + ".host must be an absolute http(s) URL without path, query or credentials");
        }
        String cloud = Optional.ofNullable(text(node, "cloud")).orElse("azure");
        String mode = Optional.ofNullable(text(node.path("identity"), "mode")).orElse("obo");
        if (!IDENTITY_MODES.contains(mode)) {
            problems.add(at + ".identity.mode must be one of " + IDENTITY_MODES + ", got " + quote(mode));
        }
        SciPolicy sci = sciPolicy(node.get("sci"), at + ".sci", problems);
        List<String> allowList = strings(node.get("genieSpaceAllowList"), at + ".genieSpaceAllowList", problems);
        Optional<String> tagWarehouse =
                Optional.ofNullable(text(node, "tagWarehouseId")).filter(s -> !s.isBlank());
        if (problems.size() > before) {
            return null;
        }
        String normalizedHost = host.endsWith("/") ? host.substring(0, host.length() - 1) : host;
        JsonNode identity = node.path("identity");
        WorkspaceIdentity ids = new WorkspaceIdentity(
                optional(identity, "tenantId"),
                optional(identity, "clientId"),
                optional(identity, "audience"),
                optional(identity, "clientSecretEnv"));
        return new Workspace(name, normalizedHost, cloud, mode, sci, allowList, tagWarehouse, ids);
    }

    /**
     * {@code {"rules": [{"tagKey", "tagValues"}...]}} as the operator renders it, or the original single rule
     * {@code {"tagKey", "tagValues"}} of older registries; absent: {@link SciPolicy#DEFAULT}.
     */
    private static SciPolicy sciPolicy(JsonNode sciNode, String at, List<String> problems) {
        if (sciNode == null || sciNode.isNull()) {
            return SciPolicy.DEFAULT;
        }
        List<SciPolicy.Rule> rules = new ArrayList<>();
        if (sciNode.has("tagKey")) {
            rule(sciNode, at, problems).ifPresent(rules::add);
        }
        JsonNode list = sciNode.get("rules");
        if (list != null && !list.isNull()) {
            if (!list.isArray()) {
                problems.add(at + ".rules must be a list");
            } else {
                for (int i = 0; i < list.size(); i++) {
                    rule(list.get(i), at + ".rules[" + i + "]", problems).ifPresent(rules::add);
                }
            }
        }
        if (rules.isEmpty()) {
            problems.add(at + " must name at least one tag key (tagKey or rules)");
            return SciPolicy.DEFAULT;
        }
        return new SciPolicy(rules);
    }

    private static Optional<SciPolicy.Rule> rule(JsonNode node, String at, List<String> problems) {
        String key = text(node, "tagKey");
        List<String> values = strings(node.get("tagValues"), at + ".tagValues", problems);
        if (key == null || key.isBlank()) {
            problems.add(at + ".tagKey must be a non-empty string");
            return Optional.empty();
        }
        return Optional.of(new SciPolicy.Rule(key, values));
    }

    private static String optional(JsonNode node, String field) {
        String value = text(node, field);
        return value == null || value.isBlank() ? null : value.trim();
    }

    private static boolean validHost(String host) {
        if (host == null) {
            return false;
        }
        try {
            URI uri = URI.create(host);
            return ("https".equals(uri.getScheme()) || "http".equals(uri.getScheme()))
                    && uri.getHost() != null
                    && uri.getUserInfo() == null
                    && uri.getQuery() == null
                    && uri.getFragment() == null
                    && (uri.getPath() == null || uri.getPath().isEmpty() || "/".equals(uri.getPath()));
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    private static List<String> strings(JsonNode node, String at, List<String> problems) {
        if (node == null || node.isNull()) {
            return List.of();
        }
        List<String> values = new ArrayList<>();
        if (!node.isArray()) {
            problems.add(at + " must be an array of strings");
            return values;
        }
        for (JsonNode value : node) {
            if (!value.isString() || value.stringValue().isBlank()) {
                problems.add(at + " must contain only non-empty strings");
                return values;
            }
            values.add(value.stringValue());
        }
        return values;
    }

    private static String text(JsonNode node, String field) {
        JsonNode value = node == null ? null : node.get(field);
        return value != null && value.isString() ? value.stringValue() : null;
    }

    private static String quote(String value) {
        return value == null ? "nothing" : "'" + value + "'";
    }
}
