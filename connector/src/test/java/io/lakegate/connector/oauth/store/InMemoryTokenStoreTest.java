package io.lakegate.connector.oauth.store;

import java.time.Clock;

/** The contract on the single-replica store (the "replica" is the same instance). */
class InMemoryTokenStoreTest extends TokenStoreContract {

    @Override
    TokenStore newStore() {
        return new InMemoryTokenStore(Clock.systemUTC());
    }

    @Override
    TokenStore replica() {
        return store;
    }
}
