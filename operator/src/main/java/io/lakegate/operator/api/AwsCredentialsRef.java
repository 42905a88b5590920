package io.lakegate.operator.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Default;
import io.fabric8.generator.annotation.Pattern;
import io.fabric8.generator.annotation.Required;
import io.fabric8.generator.annotation.Size;

/** A Secret with static AWS credentials; omit it to use the pod's workload identity (IRSA / Pod Identity). */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class AwsCredentialsRef {
    @Required
    @Size(min = 1, max = 253)
    @Pattern("^[a-z0-9]([-a-z0-9.]*[a-z0-9])?$")
    private String name;

    @Default("accessKeyId")
    @Size(min = 1, max = 253)
    private String accessKeyIdKey;

    @Default("secretAccessKey")
    @Size(min = 1, max = 253)
    @JsonPropertyDescription("Key holding the secret access key.")
    private String secretAccessKeyKey;

    public String getName() {
        return name;
    }

    public void setName(String name) {
        this.name = name;
    }

    public String getAccessKeyIdKey() {
        return accessKeyIdKey == null ? "accessKeyId" : accessKeyIdKey;
    }

    public void setAccessKeyIdKey(String accessKeyIdKey) {
        this.accessKeyIdKey = accessKeyIdKey;
    }

    public String getSecretAccessKeyKey() {
        return secretAccessKeyKey == null ? "secretAccessKey" : secretAccessKeyKey;
    }

    public void setSecretAccessKeyKey(String secretAccessKeyKey) {
        this.secretAccessKeyKey = secretAccessKeyKey;
    }
}
