package io.lakegate.connector.audit;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;

/** {@code lakegate.audit.*}: the audit trail of tool calls. */
@ConfigurationProperties("lakegate.audit")
public class AuditProperties {

    /** {@code log} (JSON lines on logger {@code lakegate.audit}) or {@code dynamodb}. */
    private String sink = "log";
    /** Events held in memory while the sink catches up; beyond it events are dropped and counted. */
    private int bufferCapacity = 10_000;

    private int maxBatch = 100;
    /** Attempts to write one batch before it is counted as failed. */
    private int writeAttempts = 3;
    /** Longest wait at shutdown for the buffer to be written. */
    private Duration shutdownTimeout = Duration.ofSeconds(20);

    private final DynamoDb dynamodb = new DynamoDb();

    public static class DynamoDb {
        private String table = "lakegate-audit";
        /** AWS region; credentials come from the default AWS provider chain (IRSA, env, profile). */
        private String region = "eu-west-1";
        /** Endpoint override, e.g. DynamoDB Local; unset = AWS. */
        private String endpoint;
        /** Create the table at startup when missing (dev/test); production tables are provisioned by IaC. */
        private boolean createTable = false;
        /** Items get an {@code expiresAt} TTL attribute this far in the future; 0 = keep forever. */
        private Duration retention = Duration.ZERO;

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

        public boolean isCreateTable() {
            return createTable;
        }

        public void setCreateTable(boolean createTable) {
            this.createTable = createTable;
        }

        public Duration getRetention() {
            return retention;
        }

        public void setRetention(Duration retention) {
            this.retention = retention;
        }
    }

    public String getSink() {
        return sink;
    }

    public void setSink(String sink) {
        this.sink = sink;
    }

    public int getBufferCapacity() {
        return bufferCapacity;
    }

    public void setBufferCapacity(int bufferCapacity) {
        this.bufferCapacity = bufferCapacity;
    }

    public int getMaxBatch() {
        return maxBatch;
    }

    public void setMaxBatch(int maxBatch) {
        this.maxBatch = maxBatch;
    }

    public int getWriteAttempts() {
        return writeAttempts;
    }

    public void setWriteAttempts(int writeAttempts) {
        this.writeAttempts = writeAttempts;
    }

    public Duration getShutdownTimeout() {
        return shutdownTimeout;
    }

    public void setShutdownTimeout(Duration shutdownTimeout) {
        this.shutdownTimeout = shutdownTimeout;
    }

    public DynamoDb getDynamodb() {
        return dynamodb;
    }
}
