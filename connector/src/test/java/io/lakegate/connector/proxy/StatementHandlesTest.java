package io.lakegate.connector.proxy;

import static org.assertj.core.api.Assertions.assertThat;

import io.lakegate.connector.auth.CallerIdentity;
import io.lakegate.connector.guard.MetadataListing;
import io.lakegate.connector.sci.SciPolicy;
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
        return new Workspace(name, "https://" + name + ".example", "aws", "dev-token", SciPolicy.DEFAULT, List.of(),
                Optional.empty());
    }

    @Test
    void aHandleOpensForItsCallerOnItsWorkspaceOnly() {
        String handle = handles.seal(alice, demo, "01ef-stmt", Optional.empty());
        assertThat(handle).startsWith("lg1.").doesNotContain("01ef-stmt");
        assertThat(handles.open(alice, demo, handle)).map(StatementHandles.Opened::statementId).contains("01ef-stmt");
        assertThat(handles.open(bob, demo, handle)).isEmpty();
        assertThat(handles.open(alice, workspace("other"), handle)).isEmpty();
        // another replica shares the key: the handle opens there too; a replica with another key does not
        assertThat(new StatementHandles(KEY.clone()).open(alice, demo, handle)).isPresent();
        byte[] otherKey = KEY.clone();
        otherKey[0] ^= 1;
        assertThat(new StatementHandles(otherKey).open(alice, demo, handle)).isEmpty();
    }

    @Test
    void theListingTravelsWithTheHandleSoPolledRowsAreFilteredToo() {
        MetadataListing listing = new MetadataListing(MetadataListing.Kind.TABLES, "sales", "customers", null);
        String handle = handles.seal(alice, demo, "s1", Optional.of(listing));
        assertThat(handles.open(alice, demo, handle)).map(StatementHandles.Opened::listing).contains(Optional.of(listing));
    }

    @Test
    void alteredForgedAndForeignIdsDoNotOpen() {
        String handle = handles.seal(alice, demo, "s1", Optional.empty());
        String body = handle.substring(4, handle.lastIndexOf('.'));
        String mac = handle.substring(handle.lastIndexOf('.') + 1);
        String otherBody = Base64.getUrlEncoder().withoutPadding()
                .encodeToString("{\"s\":\"someone-elses-statement\"}".getBytes(StandardCharsets.UTF_8));
        char flipped = mac.charAt(0) == 'A' ? 'B' : 'A';
        for (String forged : List.of("lg1." + otherBody + "." + mac, "lg1." + body + "." + flipped + mac.substring(1),
                "lg1." + body, "lg1." + body + "." + mac + ".x", "01ef-raw-databricks-id", "", "lg1..", "lg1.%%%.%%%",
                "lg1." + "A".repeat(5000) + "." + mac)) {
            assertThat(handles.open(alice, demo, forged)).as(forged).isEmpty();
        }
        assertThat(handles.open(alice, demo, null)).isEmpty();
    }
}
