package io.lakegate.connector.audit;

import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.json.JsonMapper;

/** One JSON line per event on logger {@code lakegate.audit}, for a log pipeline to ship. The default sink. */
public class JsonLogAuditSink implements AuditSink {

    private static final Logger AUDIT = LoggerFactory.getLogger("lakegate.audit");
    private final JsonMapper json = JsonMapper.builder().findAndAddModules().build();

    @Override
    public void write(List<AuditEvent> batch) {
        for (AuditEvent event : batch) {
            AUDIT.info(json.writeValueAsString(event));
        }
    }

    @Override
    public String name() {
        return "log";
    }
}
