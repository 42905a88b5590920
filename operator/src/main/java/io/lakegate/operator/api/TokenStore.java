package io.lakegate.operator.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Default;
import io.fabric8.generator.annotation.ValidationRule;

/** Union: {@code type} Memory, or DynamoDB with its {@code dynamodb} settings. */
@JsonInclude(JsonInclude.Include.NON_NULL)
@ValidationRule(
        value = "self.type == 'DynamoDB' ? has(self.dynamodb) : !has(self.dynamodb)",
        message = "tokenStore.dynamodb must be set when, and only when, tokenStore.type is DynamoDB")
public class TokenStore {
    @Default("Memory")
    @JsonPropertyDescription("Memory (single replica only) or DynamoDB (shared by replicas).")
    private TokenStoreType type;

    private DynamoDbTokenStore dynamodb;

    public TokenStoreType getType() {
        return type == null ? TokenStoreType.Memory : type;
    }

    public void setType(TokenStoreType type) {
        this.type = type;
    }

    public DynamoDbTokenStore getDynamodb() {
        return dynamodb;
    }

    public void setDynamodb(DynamoDbTokenStore dynamodb) {
        this.dynamodb = dynamodb;
    }
}
