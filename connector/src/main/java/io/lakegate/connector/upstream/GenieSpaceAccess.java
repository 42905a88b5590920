package io.lakegate.connector.upstream;

import io.lakegate.connector.sci.SciIndex;
import io.lakegate.connector.tools.ToolCall;
import io.lakegate.connector.tools.discovery.Missing;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/**
 * Whether a Genie space may be proxied: on the workspace's allow-list and not tagged SCI. A refused space answers
 * exactly like one that does not exist, and after the same upstream work: the one {@code initialize} POST a missing
 * space's server answers with 404 ({@link ManagedMcpClient#probe}), so the answer time tells nothing.
 */
@Component
public class GenieSpaceAccess {

    private final SciIndex sci;
    private final ManagedMcpClient client;

    public GenieSpaceAccess(SciIndex sci, ManagedMcpClient client) {
        this.sci = sci;
        this.client = client;
    }

    public Mono<ManagedMcpServer> check(ToolCall call, String spaceId) {
        if (!call.workspace().genieSpaceAllowed(spaceId)) {
            return Mono.error(Missing.genieSpace(spaceId));
        }
        return sci.genieSpaceHidden(call.caller(), call.workspace(), spaceId)
                .flatMap(hidden -> hidden
                        ? Missing.<ManagedMcpServer>afterSameWork(
                                client.probe(call.caller(), call.workspace(), ManagedMcpServer.genieSpace(spaceId)),
                                Missing.genieSpace(spaceId))
                        : Mono.just(ManagedMcpServer.genieSpace(spaceId)));
    }
}
