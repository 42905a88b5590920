package io.lakegate.connector.oauth.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.lakegate.connector.testsupport.DynamoDbLocal;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ScanResponse;

/**
 * The contract on DynamoDB Local (server mode, 127.0.0.1, free port): two store instances over one table are two
 * replicas. Plus what only the persistent store promises: TTL attribute, upstream tokens sealed with AES-GCM.
 */
class DynamoDbTokenStoreTest extends TokenStoreContract {

    static final String TABLE = "oauth-contract";
    static DynamoDbLocal local;
    static DynamoDbClient dynamo;
    static byte[] key = randomKey();

    @BeforeAll
    static void startDynamo() {
        local = DynamoDbLocal.start();
        dynamo = local.client();
        new DynamoDbTokenStore(dynamo, TABLE, new UpstreamTokenCipher(key), Clock.systemUTC()).createTableIfMissing();
    }

    @AfterAll
    static void stopDynamo() throws Exception {
        local.close();
    }

    static byte[] randomKey() {
        byte[] k = new byte[32];
        new SecureRandom().nextBytes(k);
        return k;
    }

    @Override
    TokenStore newStore() {
        return new DynamoDbTokenStore(dynamo, TABLE, new UpstreamTokenCipher(key), Clock.systemUTC());
    }

    @Override
    TokenStore replica() {
        return new DynamoDbTokenStore(dynamo, TABLE, new UpstreamTokenCipher(key), Clock.systemUTC());
    }

    static Map<String, AttributeValue> raw(String pk) {
        return dynamo.getItem(b -> b.tableName(TABLE).key(Map.of("pk", AttributeValue.fromS(pk))))
                .item();
    }

    @Test
    void itemsCarryTheTtlAttributeAndTheTableHasTtlOnIt() {
        String code = id();
        store.saveCode(code, code(LATER));
        Map<String, AttributeValue> item = raw(DynamoDbTokenStore.codeKey(code));
        assertThat(item.get("expiresAt").n()).isEqualTo(Long.toString(LATER.getEpochSecond()));
        assertThat(item.get("redeemed").bool()).isFalse();
        assertThat(dynamo.describeTimeToLive(b -> b.tableName(TABLE))
                        .timeToLiveDescription()
                        .attributeName())
                .isEqualTo("expiresAt");
    }

    @Test
    void codesAndRefreshTokensAreStoredOnlyAsHashes() {
        String code = "code-" + id();
        String refresh = "refresh-" + id();
        store.saveCode(code, code(LATER));
        store.saveRefreshToken(refresh, new RefreshToken(id(), "client-1", "mcp:tools", "https://lakegate/mcp", LATER));
        assertThat(tableDump()).doesNotContain(code, refresh);
    }

    @Test
    void upstreamTokensAreNotStoredInClear() {
        Grant g = grant(id(), LATER);
        store.saveGrant(g);
        Map<String, AttributeValue> item = raw(DynamoDbTokenStore.grantKey(g.grantId()));
        String visible =
                item.toString() + new String(item.get("sealed").b().asByteArray(), StandardCharsets.ISO_8859_1);
        assertThat(visible)
                .doesNotContain(
                        g.upstream().accessToken(),
                        g.upstream().refreshToken(),
                        g.upstream().idToken());
        // version byte + 96-bit nonce + ciphertext + 128-bit tag
        assertThat(item.get("sealed").b().asByteArray()[0]).isEqualTo((byte) 1);
        assertThat(item.get("data").s()).contains("oid-alice");
    }

    @Test
    void eachSealUsesAFreshNonce() {
        Grant g = grant(id(), LATER);
        store.saveGrant(g);
        byte[] first =
                raw(DynamoDbTokenStore.grantKey(g.grantId())).get("sealed").b().asByteArray();
        store.saveGrant(g);
        byte[] second =
                raw(DynamoDbTokenStore.grantKey(g.grantId())).get("sealed").b().asByteArray();
        assertThat(java.util.Arrays.copyOfRange(first, 1, 13))
                .isNotEqualTo(java.util.Arrays.copyOfRange(second, 1, 13));
    }

    @Test
    void aReplicaWithAnotherKeyCannotDecrypt() {
        Grant g = grant(id(), LATER);
        store.saveGrant(g);
        TokenStore wrongKey =
                new DynamoDbTokenStore(dynamo, TABLE, new UpstreamTokenCipher(randomKey()), Clock.systemUTC());
        assertThatThrownBy(() -> wrongKey.findGrant(g.grantId()))
                .isInstanceOf(TokenStoreException.class)
                .hasMessageContaining("cannot be decrypted");
    }

    @Test
    void sealedTokensCopiedToAnotherItemDoNotOpen() {
        Grant victim = grant(id(), LATER);
        Grant attacker = grant(id(), LATER);
        store.saveGrant(victim);
        store.saveGrant(attacker);
        AttributeValue sealed =
                raw(DynamoDbTokenStore.grantKey(victim.grantId())).get("sealed");
        Map<String, AttributeValue> tampered =
                new java.util.HashMap<>(raw(DynamoDbTokenStore.grantKey(attacker.grantId())));
        tampered.put("sealed", sealed);
        dynamo.putItem(b -> b.tableName(TABLE).item(tampered));
        assertThatThrownBy(() -> store.findGrant(attacker.grantId())).isInstanceOf(TokenStoreException.class);
    }

    private static String tableDump() {
        StringBuilder all = new StringBuilder();
        Map<String, AttributeValue> start = null;
        for (int page = 0; page < 100; page++) {
            Map<String, AttributeValue> from = start;
            ScanResponse r = dynamo.scan(b -> b.tableName(TABLE).exclusiveStartKey(from));
            List<Map<String, AttributeValue>> items = r.items();
            all.append(items);
            if (!r.hasLastEvaluatedKey() || r.lastEvaluatedKey().isEmpty()) {
                break;
            }
            start = r.lastEvaluatedKey();
        }
        return all.toString();
    }
}
