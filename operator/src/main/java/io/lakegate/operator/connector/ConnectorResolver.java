package io.lakegate.operator.connector;

import io.fabric8.kubernetes.api.model.Secret;
import io.lakegate.operator.api.AwsCredentialsRef;
import io.lakegate.operator.api.DatabricksWorkspace;
import io.lakegate.operator.api.DynamoDbTokenStore;
import io.lakegate.operator.api.McpConnector;
import io.lakegate.operator.api.OAuthProxy;
import io.lakegate.operator.api.SecretKeyRef;
import io.lakegate.operator.api.TokenStore;
import io.lakegate.operator.api.WorkspaceResolution;
import io.lakegate.operator.config.CanonicalJson;
import io.lakegate.operator.workspace.LabelSelectorMatcher;
import io.lakegate.operator.workspace.WorkspaceSelectors;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.TreeSet;

/** Resolves a connector's workspace selection and every Secret it consumes. Never throws for a missing reference. */
public final class ConnectorResolver {
    public static final String RESOLVED = "Resolved";
    public static final String WORKSPACE_NOT_FOUND = "WorkspaceNotFound";
    public static final String SECRET_NOT_FOUND = "SecretNotFound";
    public static final String SECRET_KEY_NOT_FOUND = "SecretKeyNotFound";
    public static final String NO_WORKSPACES_SELECTED = "NoWorkspacesSelected";

    private final ReferenceLookup lookup;

    public ConnectorResolver(ReferenceLookup lookup) {
        this.lookup = lookup;
    }

    public ConnectorResolution resolve(McpConnector connector) {
        String namespace = connector.getMetadata().getNamespace();
        List<WorkspaceResolution> report = new ArrayList<>();
        List<DatabricksWorkspace> usable = new ArrayList<>();
        SortedMap<String, String> digests = new TreeMap<>();
        List<String> problems = new ArrayList<>();
        String firstReason = null;

        for (DatabricksWorkspace workspace : candidates(connector, namespace, report)) {
            Optional<SecretKeyRef> ref = workspace.getSpec().getIdentity().clientSecretRef();
            String problem = ref.map(r -> checkSecret(namespace, r.getName(), r.getKey(), digests))
                    .orElse(null);
            String name = workspace.getMetadata().getName();
            if (problem == null) {
                usable.add(workspace);
                report.add(new WorkspaceResolution(name, true, RESOLVED, null));
            } else {
                String message = "DatabricksWorkspace " + name + ": "
                        + describe(problem, ref.get().getName(), ref.get().getKey());
                report.add(new WorkspaceResolution(name, false, problem, message));
            }
        }
        for (WorkspaceResolution r : report) {
            if (!r.getResolved()) {
                problems.add(r.getMessage());
                firstReason = firstReason == null ? r.getReason() : firstReason;
            }
        }
        for (SecretUse use : connectorSecrets(connector)) {
            SecretKeyRef ref = use.ref();
            String problem = checkSecret(namespace, ref.getName(), ref.getKey(), digests);
            if (problem != null) {
                problems.add(use.field() + ": " + describe(problem, ref.getName(), ref.getKey()));
                firstReason = firstReason == null ? problem : firstReason;
            }
        }
        if (report.isEmpty()) {
            problems.add("no DatabricksWorkspace in namespace " + namespace + " matches spec.workspaces");
            firstReason = NO_WORKSPACES_SELECTED;
        }
        report.sort(Comparator.comparing(WorkspaceResolution::getName));
        List<ResolvedWorkspace> resolved = new ArrayList<>();
        usable.sort(Comparator.comparing(w -> w.getMetadata().getName()));
        for (int i = 0; i < usable.size(); i++) {
            resolved.add(new ResolvedWorkspace(usable.get(i), i));
        }
        boolean accepted = problems.isEmpty();
        String message = accepted ? resolved.size() + " workspace(s) resolved" : String.join("; ", problems);
        return new ConnectorResolution(
                List.copyOf(resolved),
                List.copyOf(report),
                accepted,
                accepted ? RESOLVED : firstReason,
                message,
                digests);
    }

    /** A Secret key the connector's own spec references, and the field that names it. */
    public record SecretUse(String field, SecretKeyRef ref) {}

    /**
     * Every Secret key the connector's own spec references (token store credentials and encryption key, OAuth proxy
     * client secret and signing key). They roll the pods like workspace Secrets, and the reconciler watches them.
     */
    public static List<SecretUse> connectorSecrets(McpConnector connector) {
        List<SecretUse> uses = new ArrayList<>();
        TokenStore store = connector.getSpec().getTokenStore();
        DynamoDbTokenStore dynamo = store == null ? null : store.getDynamodb();
        if (dynamo != null && dynamo.getCredentialsSecretRef() != null) {
            AwsCredentialsRef aws = dynamo.getCredentialsSecretRef();
            for (String key : List.of(aws.getAccessKeyIdKey(), aws.getSecretAccessKeyKey())) {
                uses.add(new SecretUse(
                        "tokenStore.dynamodb.credentialsSecretRef", new SecretKeyRef(aws.getName(), key)));
            }
        }
        if (dynamo != null && dynamo.getEncryptionKeySecretRef() != null) {
            uses.add(new SecretUse("tokenStore.dynamodb.encryptionKeySecretRef", dynamo.getEncryptionKeySecretRef()));
        }
        OAuthProxy proxy = connector.getSpec().getAuth() == null
                ? null
                : connector.getSpec().getAuth().getOauthProxy();
        if (proxy != null) {
            uses.add(new SecretUse("auth.oauthProxy.clientSecretRef", proxy.getClientSecretRef()));
            if (proxy.getSigningKeySecretRef() != null) {
                uses.add(new SecretUse("auth.oauthProxy.signingKeySecretRef", proxy.getSigningKeySecretRef()));
            }
        }
        return uses;
    }

    /** Named workspaces (missing ones reported) plus selector matches, each once, sorted by name. */
    private List<DatabricksWorkspace> candidates(
            McpConnector connector, String namespace, List<WorkspaceResolution> report) {
        TreeMap<String, DatabricksWorkspace> found = new TreeMap<>();
        for (String name : new TreeSet<>(WorkspaceSelectors.names(connector))) {
            Optional<DatabricksWorkspace> workspace = lookup.workspace(namespace, name);
            if (workspace.isPresent()) {
                found.put(name, workspace.get());
            } else {
                report.add(new WorkspaceResolution(
                        name,
                        false,
                        WORKSPACE_NOT_FOUND,
                        "DatabricksWorkspace " + name + " not found in namespace " + namespace));
            }
        }
        if (WorkspaceSelectors.usesSelector(connector)) {
            var selector = connector.getSpec().getWorkspaces().getSelector();
            for (DatabricksWorkspace workspace : lookup.workspaces(namespace)) {
                if (LabelSelectorMatcher.matches(
                        selector, workspace.getMetadata().getLabels())) {
                    found.putIfAbsent(workspace.getMetadata().getName(), workspace);
                }
            }
        }
        return new ArrayList<>(found.values());
    }

    /** Returns null when the key is present (recording its digest), else the reason it is not. */
    private String checkSecret(String namespace, String name, String key, SortedMap<String, String> digests) {
        Optional<Secret> secret = lookup.secret(namespace, name);
        if (secret.isEmpty()) {
            return SECRET_NOT_FOUND;
        }
        String value =
                secret.get().getData() == null ? null : secret.get().getData().get(key);
        if (value == null) {
            return SECRET_KEY_NOT_FOUND;
        }
        digests.put(name + "/" + key, CanonicalJson.sha256Hex(value));
        return null;
    }

    private static String describe(String problem, String secret, String key) {
        return SECRET_NOT_FOUND.equals(problem)
                ? "Secret " + secret + " not found"
                : "Secret " + secret + " has no key " + key;
    }
}
