package io.lakegate.connector.upstream;

import static org.assertj.core.api.Assertions.assertThat;

import io.lakegate.connector.guard.MetadataListing;
import io.lakegate.connector.identity.CallerIdentity;
import io.lakegate.connector.oauth.ProxySigningKey;
import io.lakegate.connector.oauth.ReplicaSecrets;
import io.lakegate.connector.workspace.SciPolicy;
import io.lakegate.connector.workspace.Workspace;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

class StatementHandlesTest {

    private static final byte[] KEY = "0123456789abcdef0123456789abcdef".getBytes(StandardCharsets.UTF_8);
    private final StatementHandles handles = new StatementHandles(KEY);
    private final CallerIdentity alice = caller("alice");
    private final CallerIdentity bob = caller("bob");
    private final Workspace demo = workspace("demo");

    private static CallerIdentity caller(String subject) {
        return new CallerIdentity(subject, subject, "client", Set.of(), "token");
    }

    private static Workspace workspace(String name) {
        return new Workspace(
                name,
                "https://" + name + ".example",
                "aws",
                "dev-token",
                SciPolicy.DEFAULT,
                List.of(),
                Optional.empty());
    }

    @Test
    void aHandleOpensForItsCallerOnItsWorkspaceOnly() {
        String handle = handles.seal(alice, demo, "01ef-stmt", Optional.empty());
        assertThat(handle).startsWith("lg1.").doesNotContain("01ef-stmt");
        assertThat(handles.open(alice, demo, handle))
                .map(StatementHandles.Opened::statementId)
                .contains("01ef-stmt");
        assertThat(handles.open(bob, demo, handle)).isEmpty();
        assertThat(handles.open(alice, workspace("other"), handle)).isEmpty();
        // another replica shares the key: the handle opens there too; a replica with another key does not
        assertThat(new StatementHandles(KEY.clone()).open(alice, demo, handle)).isPresent();
        byte[] otherKey = KEY.clone();
        otherKey[0] ^= 1;
        assertThat(new StatementHandles(otherKey).open(alice, demo, handle)).isEmpty();
    }

    /**
     * Replicas configured with one OAuth proxy signing key, or one session key, agree on handles; replicas without
     * either do not.
     */
    @Test
    void replicasSharingTheProxySigningKeyOpenEachOthersHandles() throws Exception {
        java.security.KeyPairGenerator rsa = java.security.KeyPairGenerator.getInstance("RSA");
        rsa.initialize(2048);
        String pem = Base64.getEncoder()
                .encodeToString(rsa.generateKeyPair().getPrivate().getEncoded());
        StatementHandles replicaA = sharing(new ReplicaSecrets(null, ProxySigningKey.fromPem(pem, "k1")));
        StatementHandles replicaB = sharing(new ReplicaSecrets(null, ProxySigningKey.fromPem(pem, "k1")));
        String handle = replicaA.seal(alice, demo, "s1", Optional.empty());
        assertThat(replicaB.open(alice, demo, handle))
                .map(StatementHandles.Opened::statementId)
                .contains("s1");
        assertThat(replicaB.open(bob, demo, handle)).isEmpty();

        String sessionKey = "a-session-key-shared-by-the-replicas-0123";
        String configured = sharing(new ReplicaSecrets(sessionKey, null)).seal(alice, demo, "s3", Optional.empty());
        assertThat(sharing(new ReplicaSecrets(sessionKey, null)).open(alice, demo, configured))
                .isPresent();

        StatementHandles aloneA = sharing(new ReplicaSecrets(null, null));
        StatementHandles aloneB = sharing(new ReplicaSecrets(null, null));
        String local = aloneA.seal(alice, demo, "s2", Optional.empty());
        assertThat(aloneA.open(alice, demo, local)).isPresent();
        assertThat(aloneB.open(alice, demo, local)).isEmpty();
    }

    @Test
    void theListingTravelsWithTheHandleSoPolledRowsAreFilteredToo() {
        MetadataListing listing = new MetadataListing(MetadataListing.Kind.TABLES, "sales", "customers", null);
        String handle = handles.seal(alice, demo, "s1", Optional.of(listing));
        assertThat(handles.open(alice, demo, handle))
                .map(StatementHandles.Opened::listing)
                .contains(Optional.of(listing));
    }

    @Test
    void alteredForgedAndForeignIdsDoNotOpen() {
        String handle = handles.seal(alice, demo, "s1", Optional.empty());
        String body = handle.substring(4, handle.lastIndexOf('.'));
        String mac = handle.substring(handle.lastIndexOf('.') + 1);
        String otherBody = Base64.getUrlEncoder()
                .withoutPadding()
                .encodeToString("{\"s\":\"someone-elses-statement\"}".getBytes(StandardCharsets.UTF_8));
        char flipped = mac.charAt(0) == 'A' ? 'B' : 'A';
        for (String forged : List.of(
                "lg1." + otherBody + "." + mac,
                "lg1." + body + "." + flipped + mac.substring(1),
                "lg1." + body,
                "lg1." + body + "." + mac + ".x",
                "01ef-raw-databricks-id",
                "",
                "lg1..",
                "lg1.%%%.%%%",
                "lg1." + "A".repeat(5000) + "." + mac)) {
            assertThat(handles.open(alice, demo, forged)).as(forged).isEmpty();
        }
        assertThat(handles.open(alice, demo, null)).isEmpty();
    }

    /** The handles of a replica whose secret root is {@code secrets}, keyed as the connector keys them. */
    private static StatementHandles sharing(ReplicaSecrets secrets) {
        return new StatementHandles(secrets.derive(StatementHandles.KEY_PURPOSE));
    }
}
