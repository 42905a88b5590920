package io.lakegate.connector.oauth;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.KeyUse;
import com.nimbusds.jose.jwk.RSAKey;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.NoSuchAlgorithmException;
import java.security.interfaces.RSAPrivateCrtKey;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.InvalidKeySpecException;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.RSAPublicKeySpec;
import java.util.Base64;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The RS256 key pair proxy-issued access tokens are signed with. Replicas must share it (PEM from configuration):
 * a generated key is only known to the replica that generated it.
 */
public final class ProxySigningKey {

    private final RSAKey key;

    private ProxySigningKey(RSAKey key) {
        this.key = key;
    }

    public static ProxySigningKey fromPem(String pem, String keyId) {
        String base64 = pem.replaceAll("-----[A-Z ]+-----", "").replaceAll("\\s", "");
        try {
            KeyFactory rsa = KeyFactory.getInstance("RSA");
            RSAPrivateCrtKey priv = (RSAPrivateCrtKey) rsa.generatePrivate(
                    new PKCS8EncodedKeySpec(Base64.getDecoder().decode(base64)));
            RSAPublicKey pub = (RSAPublicKey)
                    rsa.generatePublic(new RSAPublicKeySpec(priv.getModulus(), priv.getPublicExponent()));
            return new ProxySigningKey(build(pub, priv, keyId));
        } catch (NoSuchAlgorithmException | InvalidKeySpecException | ClassCastException | IllegalArgumentException e) {
            throw new IllegalArgumentException("lakegate.oauth-proxy.signing-key is not an RSA PKCS#8 private key", e);
        }
    }

    public static ProxySigningKey generate() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048);
            KeyPair pair = generator.generateKeyPair();
            return new ProxySigningKey(
                    build((RSAPublicKey) pair.getPublic(), (RSAPrivateCrtKey) pair.getPrivate(), null));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static RSAKey build(RSAPublicKey pub, RSAPrivateCrtKey priv, String keyId) {
        try {
            RSAKey.Builder b = new RSAKey.Builder(pub)
                    .privateKey(priv)
                    .keyUse(KeyUse.SIGNATURE)
                    .algorithm(JWSAlgorithm.RS256);
            return keyId != null && !keyId.isBlank()
                    ? b.keyID(keyId).build()
                    : b.keyIDFromThumbprint().build();
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
    }

    public RSAKey rsaKey() {
        return key;
    }

    /**
     * A 256-bit secret for {@code purpose}, derived from the private key: replicas share the signing key already, so
     * they agree on derived secrets without another one to configure and rotate.
     */
    public byte[] derive(String purpose) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key.toPrivateKey().getEncoded(), "HmacSHA256"));
            return mac.doFinal(purpose.getBytes(StandardCharsets.UTF_8));
        } catch (JOSEException | GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The public JWK set served at {@code /oauth/jwks}. */
    public JWKSet publicJwkSet() {
        return new JWKSet(key.toPublicJWK());
    }
}
