package io.lakegate.bench.load;

import reactor.core.publisher.Mono;

/**
 * One simulated client with its own connection state (an MCP session, or a REST client), able to make one kind of request
 * at a time. A closed loop calls it again as soon as the previous call completed.
 */
public interface VirtualUser extends AutoCloseable {

    /** Makes one request; completes when the whole answer has been received, errors when the call failed. */
    Mono<Void> call(Operation operation);

    @Override
    void close();
}
