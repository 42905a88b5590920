package io.lakegate.connector.oauth;

import org.springframework.boot.context.properties.ConfigurationProperties;

/** {@code lakegate.token-store.*}: where the OAuth proxy keeps its state. */
@ConfigurationProperties("lakegate.token-store")
public class TokenStoreProperties {

    /** {@code memory} (one replica, lost on restart) or {@code dynamodb} (shared by replicas). */
    private String type = "memory";

    private String table = "lakegate-oauth";
    /** AWS region; credentials come from the default AWS provider chain (IRSA, env, profile). */
    private String region = "eu-west-1";
    /** Endpoint override, e.g. DynamoDB Local; unset = AWS. */
    private String endpoint;
    /** Create the table (with TTL) at startup when missing (dev/test); production tables are provisioned by IaC. */
    private boolean createTable = false;
    /** AES-256 key (32 random bytes, base64) sealing upstream tokens in the persistent store. */
    private String encryptionKey;
    /**
     * {@code memory} only: client registrations kept at most; past it, registration answers 503 until some expire
     * (see lakegate.oauth-proxy.client-idle-ttl). DynamoDB has no such limit: its items cost storage, not heap.
     */
    private int memoryMaxClients = 10_000;

    public String getType() {
        return type;
    }

    public void setType(String v) {
        this.type = v;
    }

    public String getTable() {
        return table;
    }

    public void setTable(String v) {
        this.table = v;
    }

    public String getRegion() {
        return region;
    }

    public void setRegion(String v) {
        this.region = v;
    }

    public String getEndpoint() {
        return endpoint;
    }

    public void setEndpoint(String v) {
        this.endpoint = v;
    }

    public boolean isCreateTable() {
        return createTable;
    }

    public void setCreateTable(boolean v) {
        this.createTable = v;
    }

    public int getMemoryMaxClients() {
        return memoryMaxClients;
    }

    public void setMemoryMaxClients(int v) {
        this.memoryMaxClients = v;
    }

    public String getEncryptionKey() {
        return encryptionKey;
    }

    public void setEncryptionKey(String v) {
        this.encryptionKey = v;
    }
}
