package io.lakegate.connector.oauth.store;

/** The token store failed (unreachable, or an item that cannot be decrypted with the configured key). */
public class TokenStoreException extends RuntimeException {

    public TokenStoreException(String message, Throwable cause) {
        super(message, cause);
    }
}
