package io.lakegate.operator.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Pattern;
import io.fabric8.generator.annotation.Required;
import io.fabric8.generator.annotation.Size;

@JsonInclude(JsonInclude.Include.NON_NULL)
public class DynamoDbTokenStore {
    @Required
    @Size(min = 3, max = 255)
    @Pattern("^[A-Za-z0-9_.-]+$")
    @JsonPropertyDescription("Table name (DynamoDB requires 3 to 255 characters).")
    private String table;

    @Required
    @Size(min = 1, max = 32)
    @Pattern("^[a-z]{2}(-[a-z]+)+-[0-9]+$")
    @JsonPropertyDescription("AWS region, e.g. eu-west-1.")
    private String region;

    @Size(max = 512)
    @Pattern("^https?://\\S+$")
    @JsonPropertyDescription("Endpoint override, e.g. DynamoDB Local.")
    private String endpoint;

    private AwsCredentialsRef credentialsSecretRef;

    @JsonPropertyDescription("32 random bytes, base64: the AES-256-GCM key sealing upstream tokens at rest. Required "
            + "with auth.oauthProxy.")
    private SecretKeyRef encryptionKeySecretRef;

    public String getTable() {
        return table;
    }

    public void setTable(String table) {
        this.table = table;
    }

    public String getRegion() {
        return region;
    }

    public void setRegion(String region) {
        this.region = region;
    }

    public String getEndpoint() {
        return endpoint;
    }

    public void setEndpoint(String endpoint) {
        this.endpoint = endpoint;
    }

    public AwsCredentialsRef getCredentialsSecretRef() {
        return credentialsSecretRef;
    }

    public void setCredentialsSecretRef(AwsCredentialsRef credentialsSecretRef) {
        this.credentialsSecretRef = credentialsSecretRef;
    }

    public SecretKeyRef getEncryptionKeySecretRef() {
        return encryptionKeySecretRef;
    }

    public void setEncryptionKeySecretRef(SecretKeyRef encryptionKeySecretRef) {
        this.encryptionKeySecretRef = encryptionKeySecretRef;
    }
}
