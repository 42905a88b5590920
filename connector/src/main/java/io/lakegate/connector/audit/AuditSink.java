package io.lakegate.connector.audit;

import java.util.List;

/** Where audit events end up. Called from the audit drain thread only, so it may block. */
public interface AuditSink {

    /** Writes a batch; throwing means none of it is known to be stored, and the batch is retried. */
    void write(List<AuditEvent> batch) throws Exception;

    String name();
}
