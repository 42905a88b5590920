package io.lakegate.e2e.helm;

import io.fabric8.kubernetes.api.model.rbac.PolicyRule;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * What the operator does against the API, as (apiGroup, resource, verb) grants: the specification the chart's RBAC
 * is checked against, written out independently of the template.
 */
final class OperatorRbacRules {

    private static final List<String> READ_WATCH = List.of("get", "list", "watch");
    private static final List<String> MANAGE = List.of("get", "list", "watch", "create", "update", "patch", "delete");

    private OperatorRbacRules() {}

    /** Grants needed in every namespace the operator reconciles. */
    static Set<String> perNamespace() {
        Set<String> grants = new TreeSet<>();
        // primaries: informers, and status conditions by patch (the reconcilers use no finalizers)
        for (String primary : List.of("databricksworkspaces", "mcpconnectors")) {
            add(grants, "lakegate.io", primary, READ_WATCH);
            add(grants, "lakegate.io", primary + "/status", List.of("patch"));
        }
        // McpConnector children
        add(grants, "", "configmaps", MANAGE);
        add(grants, "", "services", MANAGE);
        add(grants, "", "serviceaccounts", MANAGE);
        add(grants, "apps", "deployments", MANAGE);
        add(grants, "policy", "poddisruptionbudgets", MANAGE);
        add(grants, "networking.k8s.io", "networkpolicies", MANAGE);
        add(grants, "networking.k8s.io", "ingresses", MANAGE);
        add(grants, "autoscaling", "horizontalpodautoscalers", MANAGE);
        // referenced credentials are read and watched, never changed; each connector's session-key Secret is created
        // once
        add(grants, "", "secrets", List.of("get", "list", "watch", "create"));
        // Accepted/Ready changes are announced as Events
        add(grants, "events.k8s.io", "events", List.of("create"));
        return grants;
    }

    /** Leader election, in the operator's own namespace only. */
    static Set<String> leaderElection() {
        Set<String> grants = new TreeSet<>();
        // JOSDK checks get/create/update at start; fabric8's LeaderElector renews the Lease with a PATCH
        add(grants, "coordination.k8s.io", "leases", List.of("get", "create", "update", "patch"));
        return grants;
    }

    /** Flattens rules into "group/resource:verb" grants; a wildcard or resourceNames would show up verbatim. */
    static Set<String> grants(List<PolicyRule> rules) {
        Set<String> grants = new TreeSet<>();
        for (PolicyRule rule : rules) {
            String names = rule.getResourceNames().isEmpty()
                    ? ""
                    : rule.getResourceNames().toString();
            for (String group : rule.getApiGroups()) {
                for (String resource : rule.getResources()) {
                    add(grants, group, resource + names, rule.getVerbs());
                }
            }
            if (!rule.getNonResourceURLs().isEmpty()) {
                grants.add("nonResourceURLs:" + rule.getNonResourceURLs());
            }
        }
        return grants;
    }

    private static void add(Set<String> grants, String group, String resource, List<String> verbs) {
        verbs.forEach(verb -> grants.add(group + "/" + resource + ":" + verb));
    }
}
