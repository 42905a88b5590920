package io.lakegate.connector.identity;

import java.util.Objects;
import java.util.Set;

/**
 * Who is calling, for one MCP request. The authenticated {@code Authentication}'s principal is a CallerIdentity (every
 * authentication mode builds one); the MCP transport context carries it to the tools.
 *
 * @param subject stable per-user key (the {@code oid} claim, else {@code sub}); keys every per-user cache
 * @param displayName human-readable name for logs and audit (e.g. the UPN), never a secret
 * @param clientId OAuth client the call comes through, if known
 * @param scopes granted scopes of the inbound token
 * @param inboundToken the caller's bearer token as received; only credential implementations read it (to exchange it,
 *        or in the local development mode to use it as is). Excluded from {@link #toString()}.
 */
public record CallerIdentity(
        String subject, String displayName, String clientId, Set<String> scopes, String inboundToken) {

    public CallerIdentity {
        Objects.requireNonNull(subject, "subject");
        scopes = Set.copyOf(scopes);
    }

    @Override
    public String toString() {
        return "CallerIdentity[subject=" + subject + ", displayName=" + displayName + ", clientId=" + clientId
                + ", scopes=" + scopes + "]";
    }
}
