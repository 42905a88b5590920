package io.lakegate.connector.mcp;

import java.lang.reflect.Field;
import java.util.Map;
import java.util.function.Consumer;

import io.modelcontextprotocol.spec.McpStreamableServerSession;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.ai.mcp.server.webflux.transport.WebFluxStreamableServerTransportProvider;

/**
 * Drops an ended session from Spring AI's transport. The 2.0.0 transport offers no API for it (DELETE leaves the
 * session in its private map until shutdown), so its map is reached by reflection once at startup. If a later
 * version renames the field, this degrades to edge-only refusal (the registry still answers 404) and says so once.
 */
public class TransportSessionReleaser implements Consumer<String> {

    private static final Logger log = LoggerFactory.getLogger(TransportSessionReleaser.class);
    private final Map<String, McpStreamableServerSession> sessions;

    @SuppressWarnings("unchecked")
    public TransportSessionReleaser(WebFluxStreamableServerTransportProvider transport) {
        Map<String, McpStreamableServerSession> found = null;
        if (transport != null) {
            try {
                Field field = WebFluxStreamableServerTransportProvider.class.getDeclaredField("sessions");
                field.setAccessible(true);
                found = (Map<String, McpStreamableServerSession>) field.get(transport);
            } catch (ReflectiveOperationException | RuntimeException e) {
                log.warn("MCP transport sessions not reachable ({}); ended sessions are refused at the edge only",
                        e.toString());
            }
        }
        this.sessions = found;
    }

    public boolean isEffective() {
        return sessions != null;
    }

    @Override
    public void accept(String sessionId) {
        if (sessions == null) {
            return;
        }
        McpStreamableServerSession session = sessions.remove(sessionId);
        if (session != null) {
            session.closeGracefully().onErrorResume(e -> reactor.core.publisher.Mono.empty()).subscribe();
        }
    }
}
