package io.lakegate.emulator.auth;

import org.springframework.web.reactive.function.server.ServerRequest;

/** Reads the caller the authentication filter stored on the request. */
public final class Callers {

    private Callers() {}

    public static String user(ServerRequest req) {
        return req.attribute(Caller.ATTRIBUTE)
                .map(c -> ((Caller) c).userName())
                .orElseThrow(() -> new IllegalStateException("request reached a handler without authentication"));
    }
}
