package io.lakegate.connector.mcp;

import org.springframework.core.Ordered;

/**
 * The order of every WebFilter in front of {@code /mcp}, in one place (lowest runs first); the
 * ones that concern {@code /mcp} only share {@link McpPaths}' path check. Spring Security's filter chain runs at {@link #SECURITY}: the filters before it see unauthenticated
 * requests and must stay cheap; the ones after it know the caller.
 *
 * <ol>
 *   <li>{@link #TRACING} the server span, and {@link #HOST} the {@code Host} check (all paths);</li>
 *   <li>{@link #ORIGIN} the {@code Origin} check (DNS rebinding);</li>
 *   <li>{@link #REQUEST_BODY} size, depth and JSON-RPC shape of the body;</li>
 *   <li>{@link #PROTOCOL_VERSION} the {@code MCP-Protocol-Version} header;</li>
 *   <li>{@link #SECURITY} authentication (Spring Security);</li>
 *   <li>{@link #TOOL_SCOPES} the caller's scopes for {@code tools/call} and {@code tools/list};</li>
 *   <li>{@link #RATE_LIMIT} the per-user and per-client request limits;</li>
 *   <li>{@link #CALLER} the caller handed to the MCP transport, last so it sees the final security context.</li>
 * </ol>
 */
public final class McpFrontDoor {

    /** First of all, so a request any later filter refuses (a foreign Host included) is traced too. */
    public static final int TRACING = -310;

    public static final int HOST = -300;
    public static final int ORIGIN = -250;
    public static final int REQUEST_BODY = -230;
    public static final int PROTOCOL_VERSION = -225;
    /** Spring Security's {@code WebFilterChainProxy} (WebFlux default). */
    public static final int SECURITY = -100;

    public static final int TOOL_SCOPES = -95;
    public static final int RATE_LIMIT = -80;
    public static final int CALLER = Ordered.LOWEST_PRECEDENCE - 100;

    private McpFrontDoor() {}
}
