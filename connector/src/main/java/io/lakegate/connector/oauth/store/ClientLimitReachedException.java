package io.lakegate.connector.oauth.store;

/** The store holds as many client registrations as it may; a new one is refused until some expire. */
public class ClientLimitReachedException extends TokenStoreException {

    public ClientLimitReachedException(int limit) {
        super("the token store holds its maximum of " + limit + " client registrations", null);
    }
}
