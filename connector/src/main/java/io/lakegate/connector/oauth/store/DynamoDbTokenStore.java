package io.lakegate.connector.oauth.store;

import java.time.Clock;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeDefinition;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.DeleteItemResponse;
import software.amazon.awssdk.services.dynamodb.model.KeySchemaElement;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.ResourceInUseException;
import software.amazon.awssdk.services.dynamodb.model.ReturnValue;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;
import software.amazon.awssdk.services.dynamodb.model.UpdateItemResponse;
import tools.jackson.databind.json.JsonMapper;

/**
 * Token store in one DynamoDB table shared by all replicas. Item key {@code pk = <kind>#<id>} (codes and refresh
 * tokens by their SHA-256); attributes: {@code data} (the record as JSON, no secrets), {@code expiresAt} (epoch
 * seconds, the table's TTL attribute; DynamoDB deletes lazily, so reads check it too), {@code redeemed} (codes and
 * refresh tokens; flipped by a conditional update, so exactly one replica wins), {@code sealed} (grants: the upstream
 * tokens, AES-GCM with the item key as AAD). Reads are strongly consistent: a sign-in started on one replica is
 * completed on another.
 */
public class DynamoDbTokenStore implements TokenStore {

    static final String PK = "pk";
    static final String DATA = "data";
    static final String EXPIRES_AT = "expiresAt";
    static final String REDEEMED = "redeemed";
    static final String SEALED = "sealed";

    private static final AttributeValue TRUE = AttributeValue.fromBool(true);
    private static final AttributeValue FALSE = AttributeValue.fromBool(false);

    private final DynamoDbClient dynamo;
    private final String table;
    private final UpstreamTokenCipher cipher;
    private final Clock clock;
    private final JsonMapper json = JsonMapper.builder().build();

    public DynamoDbTokenStore(DynamoDbClient dynamo, String table, UpstreamTokenCipher cipher, Clock clock) {
        this.dynamo = dynamo;
        this.table = table;
        this.cipher = cipher;
        this.clock = clock;
    }

    /** Creates the table with TTL on {@code expiresAt} unless it exists; for dev and tests (production uses IaC). */
    public void createTableIfMissing() {
        try {
            dynamo.createTable(b -> b.tableName(table)
                    .billingMode(BillingMode.PAY_PER_REQUEST)
                    .attributeDefinitions(AttributeDefinition.builder()
                            .attributeName(PK)
                            .attributeType(ScalarAttributeType.S)
                            .build())
                    .keySchema(KeySchemaElement.builder()
                            .attributeName(PK)
                            .keyType(KeyType.HASH)
                            .build()));
            dynamo.waiter().waitUntilTableExists(b -> b.tableName(table));
            dynamo.updateTimeToLive(b -> b.tableName(table)
                    .timeToLiveSpecification(t -> t.attributeName(EXPIRES_AT).enabled(true)));
        } catch (ResourceInUseException exists) {
            // created by a previous start or another replica
        }
    }

    static String clientKey(String clientId) {
        return "client#" + clientId;
    }

    static String pendingKey(String id) {
        return "pending#" + id;
    }

    static String codeKey(String code) {
        return "code#" + TokenHashes.sha256(code);
    }

    static String refreshKey(String token) {
        return "refresh#" + TokenHashes.sha256(token);
    }

    static String grantKey(String grantId) {
        return "grant#" + grantId;
    }

    static String accessKey(String jti) {
        return "access#" + jti;
    }

    @Override
    public void saveClient(ClientRegistration client) {
        put(clientKey(client.clientId()), client, client.expiresAt(), null);
    }

    @Override
    public Optional<ClientRegistration> findClient(String clientId) {
        return get(clientKey(clientId)).map(item -> read(item, ClientRegistration.class));
    }

    @Override
    public void savePending(PendingAuthorization p) {
        put(pendingKey(p.id()), p, p.expiresAt(), null);
    }

    @Override
    public Optional<PendingAuthorization> takePending(String id) {
        try {
            DeleteItemResponse response = dynamo.deleteItem(b -> b.tableName(table)
                    .key(key(pendingKey(id)))
                    .conditionExpression("attribute_exists(#pk)")
                    .expressionAttributeNames(Map.of("#pk", PK))
                    .returnValues(ReturnValue.ALL_OLD));
            return Optional.of(response.attributes())
                    .filter(this::live)
                    .map(item -> read(item, PendingAuthorization.class));
        } catch (ConditionalCheckFailedException absent) {
            return Optional.empty();
        }
    }

    @Override
    public void saveCode(String code, AuthorizationCode authorizationCode) {
        put(codeKey(code), authorizationCode, authorizationCode.expiresAt(), FALSE);
    }

    @Override
    public Redemption<AuthorizationCode> redeemCode(String code) {
        return redeem(codeKey(code), AuthorizationCode.class);
    }

    @Override
    public void saveRefreshToken(String token, RefreshToken refreshToken) {
        put(refreshKey(token), refreshToken, refreshToken.expiresAt(), FALSE);
    }

    @Override
    public Redemption<RefreshToken> redeemRefreshToken(String token) {
        return redeem(refreshKey(token), RefreshToken.class);
    }

    @Override
    public void saveGrant(Grant grant) {
        String key = grantKey(grant.grantId());
        Map<String, AttributeValue> item = item(key, grant.withUpstream(null), grant.expiresAt(), null);
        if (grant.upstream() != null) {
            byte[] sealed = cipher.seal(json.writeValueAsString(grant.upstream()), key);
            item.put(SEALED, AttributeValue.fromB(SdkBytes.fromByteArray(sealed)));
        }
        putItem(item);
    }

    @Override
    public Optional<Grant> findGrant(String grantId) {
        String key = grantKey(grantId);
        return get(key).map(item -> {
            Grant grant = read(item, Grant.class);
            AttributeValue sealed = item.get(SEALED);
            if (sealed == null) {
                return grant;
            }
            String upstream = cipher.open(sealed.b().asByteArray(), key);
            return grant.withUpstream(json.readValue(upstream, UpstreamTokens.class));
        });
    }

    @Override
    public void deleteGrant(String grantId) {
        dynamo.deleteItem(b -> b.tableName(table).key(key(grantKey(grantId))));
    }

    @Override
    public void saveAccessToken(IssuedAccessToken accessToken) {
        put(accessKey(accessToken.jti()), accessToken, accessToken.expiresAt(), null);
    }

    @Override
    public Optional<IssuedAccessToken> findAccessToken(String jti) {
        return get(accessKey(jti)).map(item -> read(item, IssuedAccessToken.class));
    }

    /** Flips {@code redeemed} false → true on a live item; the condition makes exactly one concurrent caller win. */
    private <T> Redemption<T> redeem(String key, Class<T> type) {
        try {
            UpdateItemResponse response = dynamo.updateItem(b -> b.tableName(table)
                    .key(key(key))
                    .updateExpression("SET #r = :true")
                    .conditionExpression("attribute_exists(#pk) AND #r = :false AND #e > :now")
                    .expressionAttributeNames(Map.of("#pk", PK, "#r", REDEEMED, "#e", EXPIRES_AT))
                    .expressionAttributeValues(Map.of(
                            ":true",
                            TRUE,
                            ":false",
                            FALSE,
                            ":now",
                            AttributeValue.fromN(Long.toString(clock.instant().getEpochSecond()))))
                    .returnValues(ReturnValue.ALL_NEW));
            return Redemption.redeemed(read(response.attributes(), type));
        } catch (ConditionalCheckFailedException notRedeemable) {
            // lost the race, a replay, or unknown/expired: the item tells which
            return get(key).filter(item ->
                            item.get(REDEEMED) != null && item.get(REDEEMED).bool())
                    .map(item -> Redemption.replayed(read(item, type)))
                    .orElseGet(Redemption::invalid);
        }
    }

    private void put(String key, Object record, Instant expiresAt, AttributeValue redeemed) {
        Map<String, AttributeValue> item = item(key, record, expiresAt, redeemed);
        putItem(item);
    }

    private void putItem(Map<String, AttributeValue> item) {
        dynamo.putItem(b -> b.tableName(table).item(item));
    }

    private Map<String, AttributeValue> item(String key, Object record, Instant expiresAt, AttributeValue redeemed) {
        Map<String, AttributeValue> item = new HashMap<>();
        item.put(PK, AttributeValue.fromS(key));
        item.put(DATA, AttributeValue.fromS(json.writeValueAsString(record)));
        if (expiresAt != null) {
            item.put(EXPIRES_AT, AttributeValue.fromN(Long.toString(expiresAt.getEpochSecond())));
        }
        if (redeemed != null) {
            item.put(REDEEMED, redeemed);
        }
        return item;
    }

    private Optional<Map<String, AttributeValue>> get(String key) {
        Map<String, AttributeValue> item = dynamo.getItem(
                        b -> b.tableName(table).key(key(key)).consistentRead(true))
                .item();
        return Optional.ofNullable(item).filter(i -> !i.isEmpty()).filter(this::live);
    }

    private boolean live(Map<String, AttributeValue> item) {
        AttributeValue expiresAt = item.get(EXPIRES_AT);
        return expiresAt == null
                || Long.parseLong(expiresAt.n()) > clock.instant().getEpochSecond();
    }

    private <T> T read(Map<String, AttributeValue> item, Class<T> type) {
        return json.readValue(item.get(DATA).s(), type);
    }

    private static Map<String, AttributeValue> key(String key) {
        return Map.of(PK, AttributeValue.fromS(key));
    }
}
