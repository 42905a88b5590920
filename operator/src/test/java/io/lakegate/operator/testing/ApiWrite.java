package io.lakegate.operator.testing;

/**
 * One write request the apiserver completed, as its audit log records it (metadata only: never request bodies, so a
 * Secret's data never reaches the test output).
 *
 * @param verb create, update, patch, delete or deletecollection
 * @param apiGroup empty for the core group
 * @param subresource e.g. {@code status}, empty for the object itself
 * @param namespace empty for cluster-scoped objects
 * @param userAgent the client's User-Agent: {@link KubeApiTestServer#newClient(String)} sets it per client
 * @param code the HTTP status the apiserver answered with (a rejected write is still a write attempt)
 */
public record ApiWrite(
        String verb,
        String apiGroup,
        String resource,
        String subresource,
        String namespace,
        String name,
        String userAgent,
        int code,
        String requestUri) {

    public boolean inNamespace(String ns) {
        return ns.equals(namespace);
    }

    public boolean byUserAgent(String agent) {
        return userAgent.startsWith(agent);
    }

    @Override
    public String toString() {
        String target = (apiGroup.isEmpty() ? "" : apiGroup + "/") + resource
                + (subresource.isEmpty() ? "" : "/" + subresource)
                + " " + (namespace.isEmpty() ? "" : namespace + "/") + name;
        return verb + " " + target + " -> " + code + " by " + userAgent;
    }
}
