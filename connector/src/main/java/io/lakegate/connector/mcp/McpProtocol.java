package io.lakegate.connector.mcp;

import java.util.List;

/**
 * The protocol facts Lakegate's MCP front door speaks, in one place: the two eras (handshake 2024-11-05 .. 2025-11-25,
 * stateless 2026-07-28), their per-request {@code _meta} keys, headers and error codes.
 */
public final class McpProtocol {

    public static final String MODERN = "2026-07-28";
    /** Handshake-era revisions, newest first: {@code initialize} negotiates one of these. */
    public static final List<String> LEGACY = List.of("2025-11-25", "2025-06-18", "2025-03-26", "2024-11-05");
    /** Modern revisions served statelessly (per-request {@code _meta}). */
    public static final List<String> MODERN_VERSIONS = List.of(MODERN);
    /** Everything the endpoint accepts in {@code MCP-Protocol-Version}, newest first. */
    public static final List<String> ALL = List.of(MODERN, "2025-11-25", "2025-06-18", "2025-03-26", "2024-11-05");

    public static final String META_PROTOCOL_VERSION = "io.modelcontextprotocol/protocolVersion";
    public static final String META_CLIENT_INFO = "io.modelcontextprotocol/clientInfo";
    public static final String META_CLIENT_CAPABILITIES = "io.modelcontextprotocol/clientCapabilities";
    public static final String META_SERVER_INFO = "io.modelcontextprotocol/serverInfo";

    public static final String HEADER_PROTOCOL_VERSION = "MCP-Protocol-Version";
    public static final String HEADER_METHOD = "Mcp-Method";
    public static final String HEADER_NAME = "Mcp-Name";
    public static final String HEADER_SESSION = "Mcp-Session-Id";

    /** 2026-07-28 error codes (from the range the specification reserves). */
    public static final int HEADER_MISMATCH = -32020;

    public static final int UNSUPPORTED_PROTOCOL_VERSION = -32022;
    /** Resource not found in the handshake era (2026-07-28 uses -32602). */
    public static final int LEGACY_RESOURCE_NOT_FOUND = -32002;

    private McpProtocol() {}

    public static boolean isModern(String version) {
        return version != null && MODERN_VERSIONS.contains(version);
    }
}
