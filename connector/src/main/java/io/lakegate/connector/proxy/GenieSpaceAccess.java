package io.lakegate.connector.proxy;

import io.lakegate.connector.sci.SciIndex;
import io.lakegate.connector.tools.ToolCall;
import io.lakegate.connector.tools.discovery.Missing;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/**
 * Whether a Genie space may be proxied: on the workspace's allow-list and not tagged SCI. A refused space answers
 * exactly like one that does not exist.
 */
@Component
public class GenieSpaceAccess {

    private final SciIndex sci;

    public GenieSpaceAccess(SciIndex sci) {
        this.sci = sci;
    }

    public Mono<ManagedMcpServer> check(ToolCall call, String spaceId) {
        if (!call.workspace().genieSpaceAllowed(spaceId)) {
            return Mono.error(Missing.genieSpace(spaceId));
        }
        return sci.genieSpaceHidden(call.caller(), call.workspace(), spaceId)
                .flatMap(hidden -> hidden ? Mono.error(Missing.genieSpace(spaceId))
                        : Mono.just(ManagedMcpServer.genieSpace(spaceId)));
    }
}
