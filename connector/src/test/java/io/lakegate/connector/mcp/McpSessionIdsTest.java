package io.lakegate.connector.mcp;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

/** Signed session ids: verifiable by any holder of the key, bound to their user, ending with their age. */
class McpSessionIdsTest {

    static final byte[] KEY = "unit-test-key-0123456789abcdef0123456789".getBytes(StandardCharsets.UTF_8);
    static final Instant T0 = Instant.parse("2026-12-01T10:00:00Z");

    static McpSessionIds at(Instant now, byte[] key) {
        return new McpSessionIds(key, Duration.ofHours(24), Clock.fixed(now, ZoneOffset.UTC));
    }

    @Test
    void anotherInstanceWithTheSameKeyVerifiesItForItsOwnerOnly() {
        String id = at(T0, KEY).mint("alice");
        McpSessionIds replica = at(T0.plusSeconds(60), KEY);
        assertThat(replica.verify(id, "alice")).isEqualTo(McpSessionIds.Verdict.VALID);
        assertThat(replica.verify(id, "bob")).isEqualTo(McpSessionIds.Verdict.FOREIGN);
        assertThat(id).doesNotContain("alice").matches("v1\\.[A-Za-z0-9_-]+\\.[A-Za-z0-9_-]+");
        assertThat(at(T0, KEY).mint("alice")).isNotEqualTo(id); // a fresh nonce each time
    }

    @Test
    void ageTamperingAndOtherKeysAreRefused() {
        String id = at(T0, KEY).mint("alice");
        assertThat(at(T0.plus(Duration.ofHours(24)), KEY).verify(id, "alice")).isEqualTo(McpSessionIds.Verdict.VALID);
        assertThat(at(T0.plus(Duration.ofHours(24)).plusSeconds(2), KEY).verify(id, "alice"))
                .isEqualTo(McpSessionIds.Verdict.EXPIRED);
        assertThat(at(T0.minus(Duration.ofHours(1)), KEY).verify(id, "alice"))
                .as("issued in the future beyond clock skew")
                .isEqualTo(McpSessionIds.Verdict.EXPIRED);
        assertThat(at(T0, "another-key-0123456789abcdef0123456789".getBytes(StandardCharsets.UTF_8))
                        .verify(id, "alice"))
                .isEqualTo(McpSessionIds.Verdict.UNKNOWN);
        char[] chars = id.toCharArray();
        for (int i = 3; i < chars.length; i++) {
            char[] tampered = chars.clone();
            tampered[i] = tampered[i] == 'A' ? 'B' : 'A';
            assertThat(at(T0, KEY).verify(new String(tampered), "alice"))
                    .as("position " + i)
                    .isIn(McpSessionIds.Verdict.UNKNOWN);
        }
        for (String garbage :
                new String[] {"", "v1.", "v1..", "v1.!!.!!", "v2." + id.substring(3), id + ".x", "x".repeat(300), null
                }) {
            assertThat(at(T0, KEY).verify(garbage, "alice")).isEqualTo(McpSessionIds.Verdict.UNKNOWN);
        }
    }

    @Test
    void aRememberedIdStillAgesAndStaysBoundToItsOwner() {
        java.util.concurrent.atomic.AtomicReference<Instant> now =
                new java.util.concurrent.atomic.AtomicReference<>(T0);
        Clock moving = new Clock() {
            @Override
            public ZoneOffset getZone() {
                return ZoneOffset.UTC;
            }

            @Override
            public Clock withZone(java.time.ZoneId zone) {
                return this;
            }

            @Override
            public Instant instant() {
                return now.get();
            }
        };
        McpSessionIds ids = new McpSessionIds(KEY, Duration.ofHours(24), moving);
        String id = ids.mint("alice");
        assertThat(ids.verify(id, "alice")).isEqualTo(McpSessionIds.Verdict.VALID);
        assertThat(ids.verify(id, "alice")).as("remembered").isEqualTo(McpSessionIds.Verdict.VALID);
        assertThat(ids.verify(id, "bob")).isEqualTo(McpSessionIds.Verdict.FOREIGN);
        now.set(T0.plus(Duration.ofHours(24)).plusSeconds(2));
        assertThat(ids.verify(id, "alice")).isEqualTo(McpSessionIds.Verdict.EXPIRED);
        char[] tampered = id.toCharArray();
        tampered[tampered.length - 1] = tampered[tampered.length - 1] == 'A' ? 'B' : 'A';
        now.set(T0);
        assertThat(ids.verify(new String(tampered), "alice")).isEqualTo(McpSessionIds.Verdict.UNKNOWN);
    }
}
