package io.lakegate.connector.oauth;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Secrets every replica derives alike, so that what one replica signs (MCP session ids, SQL statement handles) any
 * other verifies. The root, in order: {@code lakegate.mcp.session-key}; else the OAuth proxy's signing key, which the
 * replicas already share; else a random key of this process (one replica only, gone on restart, said once in the log).
 * Each purpose gets its own key, derived under its own label.
 */
public final class ReplicaSecrets {

    private static final Logger log = LoggerFactory.getLogger(ReplicaSecrets.class);
    static final int MIN_CONFIGURED_LENGTH = 32;

    private final ProxySigningKey signingKey;
    private final byte[] root;
    private final boolean shared;

    /**
     * @param configured {@code lakegate.mcp.session-key}, or null/blank
     * @param signingKey the OAuth proxy's signing key, or null when the proxy is off
     */
    public ReplicaSecrets(String configured, ProxySigningKey signingKey) {
        if (configured != null && !configured.isBlank()) {
            String key = configured.strip();
            if (key.length() < MIN_CONFIGURED_LENGTH) {
                throw new IllegalStateException(
                        "lakegate.mcp.session-key must be at least " + MIN_CONFIGURED_LENGTH + " characters");
            }
            this.root = key.getBytes(StandardCharsets.UTF_8);
            this.signingKey = null;
            this.shared = true;
        } else if (signingKey != null) {
            this.root = null;
            this.signingKey = signingKey;
            this.shared = true;
        } else {
            this.root = new byte[32];
            new SecureRandom().nextBytes(root);
            this.signingKey = null;
            this.shared = false;
            log.warn("Neither lakegate.mcp.session-key nor an OAuth proxy signing key is set: MCP session ids and SQL "
                    + "statement handles are signed with a per-process key, valid on this replica only and until it "
                    + "restarts. Set lakegate.mcp.session-key when running more than one replica.");
        }
    }

    /** A 256-bit key for {@code purpose}. */
    public byte[] derive(String purpose) {
        if (signingKey != null) {
            return signingKey.derive(purpose);
        }
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(root, "HmacSHA256"));
            return mac.doFinal(purpose.getBytes(StandardCharsets.UTF_8));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Whether other replicas derive the same keys. */
    public boolean shared() {
        return shared;
    }
}
